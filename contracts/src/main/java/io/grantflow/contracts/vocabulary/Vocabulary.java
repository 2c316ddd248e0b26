package io.grantflow.contracts.vocabulary;

import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The codes of the published language that every service reads and none re-lists: districts
 * (G2), departments, beneficiary kinds. Names are Chinese with English beside them.
 */
public final class Vocabulary {
    /** A code with its names. */
    public record Term(String code, String zh, String en) {}

    /** The districts of Wuxi; the first six are 无锡市区, the policy's default jurisdiction (G2). */
    public static final List<Term> DISTRICTS = List.of(
            new Term("liangxi", "梁溪区", "Liangxi District"),
            new Term("xishan", "锡山区", "Xishan District"),
            new Term("huishan", "惠山区", "Huishan District"),
            new Term("binhu", "滨湖区", "Binhu District"),
            new Term("xinwu", "新吴区", "Xinwu District"),
            new Term("jingkai", "经济开发区", "Economic Development Zone"),
            new Term("jiangyin", "江阴市", "Jiangyin City"),
            new Term("yixing", "宜兴市", "Yixing City"));

    /**
     * The city departments the policy names (末段 and each section's 责任单位). Which of them administer
     * which programme is the catalogue's to say; the first six review applications on this platform.
     */
    public static final List<Term> DEPARTMENTS = List.of(
            new Term("industry", "市工业和信息化局", "Municipal Bureau of Industry and Information Technology"),
            new Term("reform", "市发展改革委", "Municipal Development and Reform Commission"),
            new Term("science", "市科技局", "Municipal Science and Technology Bureau"),
            new Term("data", "市数据局", "Municipal Data Bureau"),
            new Term("cyberspace", "市委网信办", "Cyberspace Affairs Office of the CPC Municipal Committee"),
            new Term("trade", "市贸促会", "Municipal Council for the Promotion of International Trade"),
            new Term("org", "市委组织部", "Organisation Department of the CPC Municipal Committee"),
            new Term("education", "市教育局", "Municipal Education Bureau"),
            new Term("hr", "市人力资源社会保障局", "Municipal Human Resources and Social Security Bureau"),
            new Term("finance", "市委金融办", "Financial Affairs Office of the CPC Municipal Committee"),
            new Term("guolian", "市国联集团", "Wuxi Guolian Group (municipal state-owned investment group)"));

    /** Who may receive an award. */
    public static final List<Term> BENEFICIARY_KINDS = List.of(
            new Term("enterprise", "企业", "enterprise"),
            new Term("university", "高校", "university"),
            new Term("institute", "科研院所", "research institute"),
            new Term("park_operator", "园区运营主体", "park operator"),
            new Term("district", "区（市）", "district"),
            new Term("association", "行业协会", "association"),
            new Term("platform_operator", "平台运营主体", "platform operator"));

    public static final Set<String> DISTRICT_CODES = codes(DISTRICTS);
    public static final Set<String> DEPARTMENT_CODES = codes(DEPARTMENTS);
    public static final Set<String> BENEFICIARY_KIND_CODES = codes(BENEFICIARY_KINDS);
    /** The policy's time zone: award years, fiscal years and dates of the policy are Wuxi's (UTC+8). */
    public static final ZoneId POLICY_ZONE = ZoneId.of("Asia/Shanghai");
    /** The shape of a programme code; which codes exist is the catalogue's to say. */
    public static final String PROGRAMME_PATTERN = "^S[0-9]{1,2}-[A-Z0-9-]{1,40}$";
    /** The shape of a unified social credit code (GB 32100-2015); {@link SocialCreditCode} checks its check character. */
    public static final String CREDIT_CODE_PATTERN = "^[0-9A-HJ-NPQRTUWXY]{18}$";
    /**
     * An e-mail address a notice can be sent to: a local part of at most 64 characters, one {@code @},
     * a dotted domain, no spaces or control characters. Written in the syntax every JSON Schema
     * engine reads (no Java-only classes), since it is published in the OpenAPI documents.
     */
    public static final String EMAIL_PATTERN =
            "^[^@\\s\\x00-\\x1F\\x7F]{1,64}@[^@\\s\\x00-\\x1F\\x7F]+\\.[^@\\s\\x00-\\x1F\\x7F]+$";

    private Vocabulary() {}

    public static Map<String, Term> byCode(List<Term> terms) {
        Map<String, Term> map = new LinkedHashMap<>();
        terms.forEach(t -> map.put(t.code(), t));
        return map;
    }

    /** Read-only, and {@code contains(null)} is simply false (Set.copyOf would throw). */
    private static Set<String> codes(List<Term> terms) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(byCode(terms).keySet()));
    }
}
