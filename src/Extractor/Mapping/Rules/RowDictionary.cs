using Extractor.Schema;

namespace Extractor.Mapping.Rules;

/// <summary>A canonical row to align observed rows with: its key, the label cores it may be printed as, and its numbering.</summary>
public sealed record CanonicalRow(string Key, IReadOnlyList<string> Cores, string? Number, string? GroupNumeral, string Label);

/// <summary>
/// The rules' dictionary: the template's labels and the variants seen in real reports
/// (TEMPLATE_NOTES.md), as data a reviewer can diff. Cores are compared after <see cref="LabelNormalizer"/>.
/// </summary>
public static class RowDictionary
{
    /// <summary>The key of the pseudo-row for （六）其他处理 printed as one row without its three sub-rows.</summary>
    public const string OtherCollapsed = "otherCollapsed";

    private static readonly Dictionary<string, string[]> Variants = new(StringComparer.Ordinal)
    {
        ["newReceived"] = ["本年新收政府信息公开申请数量", "本年新收政府信息公开申请", "本年新收申请数量", "本年新收"],
        ["carriedOver"] = ["上年结转政府信息公开申请数量", "上年结转政府信息公开申请", "上年结转申请数量", "上年结转"],
        ["granted"] = ["予以公开"],
        ["partiallyGranted"] = ["部分公开区分处理的只计这一情形不计其他情形", "部分公开区分处理的只计这一情况不计其他情形", "部分公开"],
        ["deniedStateSecret"] = ["属于国家秘密", "属于国家机密"],
        ["deniedProhibitedByLaw"] = ["其他法律行政法规禁止公开", "其他法律行政止公开", "其他法律行政法规禁止"],
        ["deniedThreeSecurities"] = ["危及三安全一稳定"],
        ["deniedThirdPartyRights"] = ["保护第三方合法权益"],
        ["deniedInternalAffairs"] = ["属于三类内部事务信息", "属于三类内容事务信息"],
        ["deniedProcessInfo"] = ["属于四类过程性信息"],
        ["deniedEnforcementFiles"] = ["属于行政执法案卷"],
        ["deniedQueryMatters"] = ["属于行政查询事项"],
        ["unableNotHeld"] = ["本机关不掌握相关政府信息"],
        ["unableNeedsCreation"] = ["没有现成信息需要另行制作"],
        ["unableStillUnclear"] = ["补正后申请内容仍不明确"],
        ["notProcessedPetition"] = ["信访举报投诉类申请"],
        ["notProcessedRepeated"] = ["重复申请"],
        ["notProcessedPublications"] = ["要求提供公开出版物"],
        ["notProcessedMassRepeated"] = ["无正当理由大量反复申请"],
        ["notProcessedConfirmation"] = ["要求行政机关确认或重新出具已获取信息"],
        [OtherCollapsed] = ["其他处理"],
        ["otherOverdueCorrection"] = ["申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请"],
        ["otherOverdueFee"] = ["申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请"],
        ["otherOther"] = ["其他"],
        ["resultsTotal"] = ["总计", "合计"],
        ["carriedForward"] = ["结转下年度继续办理", "结转下年度继续办理的申请", "结转下年度"],
    };

    /// <summary>The variant forms of a row as written in the dictionary (before normalisation): training data for the ML model.</summary>
    public static IReadOnlyList<string> VariantsOf(string key) => Variants.TryGetValue(key, out var v) ? v : [];

    /// <summary>The 表三 rows in printed order, with the collapsed （六） pseudo-row before its sub-rows.</summary>
    public static IReadOnlyList<CanonicalRow> ApplicationRows { get; } = Build();

    private static List<CanonicalRow> Build()
    {
        var rows = new List<CanonicalRow>();
        foreach (var row in Template.ApplicationRows)
        {
            if (row.Key == "otherOverdueCorrection")
            {
                rows.Add(Make(OtherCollapsed, "（六）其他处理"));
            }
            rows.Add(Make(row.Key, row.Label));
        }
        return rows;
    }

    private static CanonicalRow Make(string key, string label)
    {
        var n = LabelNormalizer.Normalize(label);
        var cores = Variants[key].Select(v => LabelNormalizer.Normalize(v).Core).Distinct().ToList();
        return new CanonicalRow(key, cores, n.Number, n.GroupNumeral, label);
    }

    /// <summary>Header words of 表三 and 表四: a row of only these is a header, never a data row.</summary>
    public static readonly HashSet<string> HeaderWords = new(
        new[]
        {
            "申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计", "合计",
            "商业", "企业", "科研", "机构", "社会公益", "组织", "法律服务", "法人或其他", "信息内容",
            "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正", "其他结果", "尚未审结",
        }.Select(LabelNormalizer.Compact),
        StringComparer.Ordinal);

    public static bool IsHeaderWord(string text)
    {
        var c = LabelNormalizer.Compact(text);
        return HeaderWords.Contains(c) || c.Contains("勾稽", StringComparison.Ordinal);
    }
}
