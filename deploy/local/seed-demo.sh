#!/usr/bin/env bash
# Demo data through the public APIs with real tokens, once per database: this fiscal year's
# budget (finance), one application of ent-alpha waiting for the industry department, and every
# demo enterprise's profile with its bank account.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TOKEN_URL="http://$HOST:$KEYCLOAK_PORT/realms/grantflow/protocol/openid-connect/token"
# the policy's time zone, as contracts' Vocabulary.POLICY_ZONE
YEAR=$(TZ=Asia/Shanghai date +%Y)

token() {
  curl -sf -d grant_type=password -d client_id=grantflow-cli -d "username=$1" -d password=demo "$TOKEN_URL" |
    sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}

finance=$(token fin-officer) || die "seed: no token for fin-officer"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $finance" "http://$HOST:8083/budgets/$YEAR")
if [[ $code == 200 ]]; then
  log "seed: demo data already there (budget $YEAR is set)"
  exit 0
fi
curl -sf -X PUT -H "Authorization: Bearer $finance" -H 'Content-Type: application/json' \
  -d '{"total": 500000000.00}' "http://$HOST:8083/budgets/$YEAR" >/dev/null || die "seed: cannot set the $YEAR budget"
log "seed: fiscal year $YEAR budget set to 500,000,000.00"

alpha=$(token ent-alpha) || die "seed: no token for ent-alpha"
# Every submission accepts the credit commitment (信用承诺) in force and names its version, as the
# portal's form does after showing the text.
commitment=$(curl -sf -H "Authorization: Bearer $alpha" "http://$HOST:8081/credit-commitments/current" |
  sed -n 's/.*"version":"\([^"]*\)".*/\1/p') || die "seed: cannot read the credit commitment in force"
[[ -n $commitment ]] || die "seed: the credit commitment in force has no version"
# The applications service checks a submission against the catalogue eligibility publishes at
# start; until it has arrived it answers 503, so the seed waits for it.
for _ in $(seq 1 60); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $alpha" -H 'Content-Type: application/json' \
    -d '{"programme":"S4-EDGE-COMPUTE","district":"xinwu","facts":{"edge_purchase_cost":1200000},'"\"commitmentVersion\":\"$commitment\"}" \
    "http://$HOST:8081/applications")
  [[ $code == 503 ]] || break
  sleep 1
done
[[ $code == 201 ]] || die "seed: cannot submit the demo application (HTTP $code)"
log "seed: ent-alpha submitted an S4-EDGE-COMPUTE application (ceiling 360,000.00), accepting credit commitment $commitment, for rev-industry to review"

# ent-alpha's profile (一企一档) with the account its awards are paid to, held in its registered name:
# disbursement verifies such a first account by itself (ADR 0027), so the demo's payments go out.
curl -sf -X PUT -H "Authorization: Bearer $alpha" -H 'Content-Type: application/json' -H 'If-None-Match: *' \
  -d '{"name":"无锡阿尔法智能科技有限公司","beneficiaryKind":"enterprise","district":"xinwu",
       "contacts":[{"name":"王经理","phone":"0510-85123456"}],
       "bankAccount":{"bankName":"中国银行无锡新吴支行","accountName":"无锡阿尔法智能科技有限公司",
                      "accountNumber":"6222021234567890123"}}' \
  "http://$HOST:8081/applicant-profiles/91320214AY4CL12T29" >/dev/null ||
  die "seed: cannot create ent-alpha's profile"
log "seed: ent-alpha's profile created, its bank account in its registered name"

# The other demo enterprises' profiles, each with an account in its registered name: no payment of
# an applicant without one is cleared (ADR 0027), so a demo award of theirs would wait for ever.
while read -r user code name; do
  t=$(token "$user") || die "seed: no token for $user"
  curl -sf -X PUT -H "Authorization: Bearer $t" -H 'Content-Type: application/json' -H 'If-None-Match: *' \
    -d "{\"name\":\"$name\",\"beneficiaryKind\":\"enterprise\",\"district\":\"xinwu\",
         \"contacts\":[{\"name\":\"财务联系人\",\"phone\":\"0510-85123456\"}],
         \"bankAccount\":{\"bankName\":\"中国银行无锡分行\",\"accountName\":\"$name\",
                        \"accountNumber\":\"62220${code//[^0-9]/}\"}}" \
    "http://$HOST:8081/applicant-profiles/$code" >/dev/null ||
    die "seed: cannot create $user's profile"
done <<'ENTERPRISES'
ent-beta 913202117BYC46N175 无锡贝塔精密制造有限公司
ent-gamma 91320213MA1GAMMA0E 无锡伽马机器人有限公司
ent-delta 91320205MA1DELTA08 无锡德尔塔软件有限公司
ent-epsilon 91320206MA1EP51L0Y 无锡艾普西隆新材料有限公司
ent-zeta 91320211MA1ETA7A09 无锡泽塔数据科技有限公司
ENTERPRISES
log "seed: the other demo enterprises' profiles created, each account in its registered name"
