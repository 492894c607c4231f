using Extractor.Mapping.Rules;
using Extractor.Schema;

namespace Extractor.Mapping.Ml;

/// <summary>
/// What a label is asked to be: a 表三 row, a 表三 applicant column, a 表二 row, a 表四 outcome column,
/// or the kind of a whole table. Labels such as 其他, 总计 or 结果维持 mean different fields in different
/// tables (PITFALLS.md), so each task has its own classifier: the table and the axis are the context.
/// </summary>
public enum LabelTask { Row, Column, Active, Review, Table }

/// <summary>One class of a task: its key, the forms it is printed in, and parent labels a layout may glue in front.</summary>
public sealed record LabelClass(string Key, IReadOnlyList<string> Forms, IReadOnlyList<string> Parents);

/// <summary>The classes of every task, built from the template (Schema) and the rules' variant dictionary.</summary>
public static class LabelSpace
{
    /// <summary>The class of anything that is not a label of the task (a header, prose, another table's label).</summary>
    public const string None = "none";

    public static readonly IReadOnlyList<LabelTask> Tasks = [LabelTask.Row, LabelTask.Column, LabelTask.Active, LabelTask.Review, LabelTask.Table];

    private const string Results = "三、本年度办理结果";

    public static IReadOnlyList<LabelClass> ClassesOf(LabelTask task) => task switch
    {
        LabelTask.Row => RowClasses,
        LabelTask.Column => ColumnClasses,
        LabelTask.Active => ActiveClasses,
        LabelTask.Review => ReviewClasses,
        _ => TableClasses,
    };

    public static string Name(LabelTask task) => task.ToString().ToLowerInvariant();

    private static readonly IReadOnlyList<LabelClass> RowClasses = RowDictionary.ApplicationRows.Select(r =>
    {
        var template = Template.ApplicationRows.FirstOrDefault(t => t.Key == r.Key);
        var parents = new List<string>();
        if (template is { SubLabel: { } sub })
        {
            parents.Add(sub);
        }
        if (template is { Group.Length: > 0 } || r.Key == RowDictionary.OtherCollapsed)
        {
            parents.Add(Results);
        }
        var forms = new List<string> { r.Label };
        forms.AddRange(RowDictionary.VariantsOf(r.Key));
        return new LabelClass(r.Key, forms.Distinct().ToList(), parents);
    }).ToList();

    private static readonly string[] Organisation = ["法人或其他组织", "申请人情况"];

    private static readonly IReadOnlyList<LabelClass> ColumnClasses =
    [
        new("natural", ["自然人"], ["申请人情况"]),
        new("commercial", ["商业企业", "企业"], Organisation),
        new("research", ["科研机构"], Organisation),
        new("socialWelfare", ["社会公益组织", "公益组织"], Organisation),
        new("legalService", ["法律服务机构"], Organisation),
        new("other", ["其他", "其他组织"], Organisation),
        new("total", ["总计", "合计"], ["申请人情况"]),
    ];

    private static readonly IReadOnlyList<LabelClass> ActiveClasses =
    [
        new("regulations", ["规章"], ["第二十条第（一）项"]),
        new("normativeDocuments", ["行政规范性文件", "规范性文件"], ["第二十条第（一）项"]),
        new("licensing", ["行政许可"], ["第二十条第（五）项"]),
        new("otherExternalServices", ["其他对外管理服务事项"], ["第二十条第（五）项"]),
        new("punishment", ["行政处罚"], ["第二十条第（六）项"]),
        new("enforcement", ["行政强制"], ["第二十条第（六）项"]),
        new("feesWanYuan", ["行政事业性收费"], ["第二十条第（八）项"]),
        new("centralProcurement", ["政府集中采购"], ["第二十条第（九）项"]),
    ];

    private static readonly string[] ReviewGroups = ["行政复议", "未经复议直接起诉", "复议后起诉", "行政诉讼"];

    private static readonly IReadOnlyList<LabelClass> ReviewClasses =
    [
        new("upheld", ["结果维持", "维持"], ReviewGroups),
        new("corrected", ["结果纠正", "纠正"], ReviewGroups),
        new("other", ["其他结果"], ReviewGroups),
        new("pending", ["尚未审结", "未审结"], ReviewGroups),
        new("total", ["总计", "合计"], ReviewGroups),
    ];

    /// <summary>
    /// A table is classified by its first cells read left to right, top to bottom (its header):
    /// the template's headers, and tables some agencies add (websites, new media, training).
    /// </summary>
    private static readonly IReadOnlyList<LabelClass> TableClasses =
    [
        new("active", [
            "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章",
            "信息内容本年制发件数本年废止件数现行有效件数规章行政规范性文件",
            "第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量",
            "第二十条第（五）项信息内容本年处理决定数量行政许可",
            "第二十条第（六）项信息内容本年处理决定数量行政处罚行政强制",
            "第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费",
        ], []),
        new("applications", [
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计",
            "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他",
            "一、本年新收政府信息公开申请数量二、上年结转政府信息公开申请数量",
            "三、本年度办理结果（一）予以公开（二）部分公开",
        ], []),
        new("review", [
            "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉",
            "行政复议结果维持结果纠正其他结果尚未审结总计",
            "行政诉讼未经复议直接起诉复议后起诉结果维持结果纠正",
        ], []),
        new("other", [
            "栏目名称信息发布数量（条）政府网站政务新媒体",
            "序号公开渠道发布数量备注门户网站微信公众号",
            "培训名称培训时间参训人数政务公开业务培训",
            "会议名称召开时间公众参与人数政策解读数量",
            "项目单位数量金额（万元）备注财政预算公开",
            "指标名称本年数量上年数量同比增减主动公开信息",
            "月份申请数量办结数量平均办理天数",
            "政策文件解读数量图文解读视频解读新闻发布会",
        ], []),
    ];
}
