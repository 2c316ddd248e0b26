package io.grantflow.contracts.events;

import java.util.List;
import java.util.Map;

/**
 * 免申即享 (ADR 0020): which government record proves a programme's facts, so that a partner
 * agency's import of such records offers the award without an application. Published with the
 * programme ({@link ProgrammePublishedV1#proactive()}); absent for a programme a record cannot
 * prove.
 *
 * @param recordKind  {@code honour_list} (荣誉名单), {@code filing} (备案) or {@code qualification} (资质认定)
 * @param recordFacts the facts the record itself carries (each a fact of the programme's schema)
 * @param presetFacts facts the offer fills without the record (S6-GENAI-FILING's filing part: no adopters)
 * @param reference   where in the policy text the record proves the programme
 */
public record ProactiveOffer(
        String recordKind, List<String> recordFacts, Map<String, Object> presetFacts, String reference) {
    public static final String HONOUR_LIST = "honour_list";
    public static final String FILING = "filing";
    public static final String QUALIFICATION = "qualification";
    public static final List<String> RECORD_KINDS = List.of(HONOUR_LIST, FILING, QUALIFICATION);

    public ProactiveOffer {
        recordFacts = recordFacts == null ? List.of() : List.copyOf(recordFacts);
        presetFacts = presetFacts == null ? Map.of() : Map.copyOf(presetFacts);
    }
}
