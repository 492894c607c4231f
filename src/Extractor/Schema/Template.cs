namespace Extractor.Schema;

/// <summary>
/// The 2021 national template (国办公开办函〔2021〕30号): its three tables, their canonical labels in
/// the template's order, and the 200 field paths derived from them (the contract of fields.tsv).
/// </summary>
public static class Template
{
    public static readonly IReadOnlyList<ApplicantColumn> ApplicantColumns =
    [
        new("natural", "自然人"),
        new("commercial", "商业企业"),
        new("research", "科研机构"),
        new("socialWelfare", "社会公益组织"),
        new("legalService", "法律服务机构"),
        new("other", "其他"),
        new("total", "总计"),
    ];

    private const string Results = "三、本年度办理结果";
    private const string Denied = "（三）不予公开";
    private const string Unable = "（四）无法提供";
    private const string NotProcessed = "（五）不予处理";
    private const string OtherHandling = "（六）其他处理";

    /// <summary>The 25 rows of 表三 in printed order.</summary>
    public static readonly IReadOnlyList<ApplicationRow> ApplicationRows =
    [
        new("newReceived", "一、本年新收政府信息公开申请数量", "", null),
        new("carriedOver", "二、上年结转政府信息公开申请数量", "", null),
        new("granted", "（一）予以公开", Results, null),
        new("partiallyGranted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", Results, null),
        new("deniedStateSecret", "1.属于国家秘密", Results, Denied),
        new("deniedProhibitedByLaw", "2.其他法律行政法规禁止公开", Results, Denied),
        new("deniedThreeSecurities", "3.危及“三安全一稳定”", Results, Denied),
        new("deniedThirdPartyRights", "4.保护第三方合法权益", Results, Denied),
        new("deniedInternalAffairs", "5.属于三类内部事务信息", Results, Denied),
        new("deniedProcessInfo", "6.属于四类过程性信息", Results, Denied),
        new("deniedEnforcementFiles", "7.属于行政执法案卷", Results, Denied),
        new("deniedQueryMatters", "8.属于行政查询事项", Results, Denied),
        new("unableNotHeld", "1.本机关不掌握相关政府信息", Results, Unable),
        new("unableNeedsCreation", "2.没有现成信息需要另行制作", Results, Unable),
        new("unableStillUnclear", "3.补正后申请内容仍不明确", Results, Unable),
        new("notProcessedPetition", "1.信访举报投诉类申请", Results, NotProcessed),
        new("notProcessedRepeated", "2.重复申请", Results, NotProcessed),
        new("notProcessedPublications", "3.要求提供公开出版物", Results, NotProcessed),
        new("notProcessedMassRepeated", "4.无正当理由大量反复申请", Results, NotProcessed),
        new("notProcessedConfirmation", "5.要求行政机关确认或重新出具已获取信息", Results, NotProcessed),
        new("otherOverdueCorrection", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", Results, OtherHandling),
        new("otherOverdueFee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", Results, OtherHandling),
        new("otherOther", "3.其他", Results, OtherHandling),
        new("resultsTotal", "（七）总计", Results, null),
        new("carriedForward", "四、结转下年度继续办理", "", null),
    ];

    /// <summary>The rows of 表二, grouped as the template prints them (第二十条第（一）（五）（六）（八）项).</summary>
    public static readonly IReadOnlyList<ActiveRow> ActiveRows =
    [
        new("第二十条第（一）项", "规章", "regulations", [("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("inForce", "现行有效件数")]),
        new("第二十条第（一）项", "行政规范性文件", "normativeDocuments", [("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("inForce", "现行有效件数")]),
        new("第二十条第（五）项", "行政许可", "licensing", [("", "本年处理决定数量")]),
        new("第二十条第（六）项", "行政处罚", "punishment", [("", "本年处理决定数量")]),
        new("第二十条第（六）项", "行政强制", "enforcement", [("", "本年处理决定数量")]),
        new("第二十条第（八）项", "行政事业性收费", "feesWanYuan", [("", "本年收费金额（单位：万元）")]),
    ];

    public static readonly IReadOnlyList<ReviewGroup> ReviewGroups =
    [
        new("review", "行政复议"),
        new("litigationDirect", "行政诉讼·未经复议直接起诉"),
        new("litigationAfterReview", "行政诉讼·复议后起诉"),
    ];

    public static readonly IReadOnlyList<(string Key, string Label)> ReviewOutcomes =
    [
        ("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"), ("total", "总计"),
    ];

    /// <summary>All 200 fields in the order of fields.tsv.</summary>
    public static readonly IReadOnlyList<FieldDef> Fields = BuildFields();

    private static readonly Dictionary<string, FieldDef> ByPath = Fields.ToDictionary(f => f.Path, StringComparer.Ordinal);

    public static FieldDef? Find(string path) => ByPath.GetValueOrDefault(path);

    public static bool IsField(string path) => ByPath.ContainsKey(path);

    public static string ApplicationPath(string row, string column) => $"applications.{row}.{column}";

    public static string ReviewPath(string group, string outcome) => $"reviewLitigation.{group}.{outcome}";

    public static string ActivePath(ActiveRow row, string columnKey) =>
        columnKey.Length == 0 ? $"active.{row.Key}" : $"active.{row.Key}.{columnKey}";

    private static List<FieldDef> BuildFields()
    {
        var list = new List<FieldDef>(200);
        foreach (var row in ActiveRows)
        {
            foreach (var (key, label) in row.Columns)
            {
                var unit = row.Key == "feesWanYuan" ? "万元" : "件";
                list.Add(new FieldDef(ActivePath(row, key), TemplateTable.Active, row.Key, key, $"{row.GroupLabel} {row.RowLabel}", label, unit));
            }
        }
        foreach (var row in ApplicationRows)
        {
            var rowLabel = row.SubLabel is null ? row.Label : $"{row.SubLabel} {row.Label}";
            foreach (var col in ApplicantColumns)
            {
                list.Add(new FieldDef(ApplicationPath(row.Key, col.Key), TemplateTable.Applications, row.Key, col.Key, rowLabel, col.Label, "件"));
            }
        }
        foreach (var group in ReviewGroups)
        {
            foreach (var (key, label) in ReviewOutcomes)
            {
                list.Add(new FieldDef(ReviewPath(group.Key, key), TemplateTable.ReviewLitigation, group.Key, key, group.Label, label, "件"));
            }
        }
        return list;
    }
}
