-- GET /record-imports (a department's past imports, newest first) and GET /record-imports/{id}
-- (where the offers of one import stand): the two reads V8 had no index for.
CREATE INDEX record_import_department ON record_import (department, imported_at DESC, id);
CREATE INDEX government_record_import ON government_record (import_id);
