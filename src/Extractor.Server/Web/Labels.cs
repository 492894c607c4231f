using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Extractor.Schema;
using Extractor.Server.Security;

namespace Extractor.Server.Web;

/// <summary>The Chinese names the pages show for roles, states, flags and checks, and failure reasons in Chinese.</summary>
public static partial class Labels
{
    public static string Role(string role) => role switch
    {
        Roles.Uploader => "上传员",
        Roles.Analyst => "分析员",
        Roles.Auditor => "审核员",
        Roles.Admin => "管理员",
        _ => role,
    };

    public static string RolesOf(ClaimsPrincipal user) =>
        string.Join("、", Roles.All.Where(user.IsInRole).Select(Role)) is { Length: > 0 } s ? s : "无角色";

    public static string DocumentStatus(string status) => status switch
    {
        Storage.Entities.DocumentStatus.Queued => "排队中",
        Storage.Entities.DocumentStatus.Processing => "处理中",
        Storage.Entities.DocumentStatus.Done => "已完成",
        Storage.Entities.DocumentStatus.Failed => "失败",
        _ => status,
    };

    /// <summary>The state a figure is drawn in (legend of the document page).</summary>
    public static string FigureState(string state) => state switch
    {
        "ok" => "正常",
        "review" => "待审核",
        "missing" => "缺失",
        "corrected" => "已更正",
        "confirmed" => "已确认",
        "failedCheck" => "校验未通过",
        _ => state,
    };

    public static readonly IReadOnlyList<string> FigureStates = ["ok", "review", "missing", "corrected", "confirmed", "failedCheck"];

    public static string Flag(string flag) => flag switch
    {
        "blank_as_zero" => "空白按 0",
        "label_fuzzy" => "标签模糊匹配",
        "label_rule" => "标签规则匹配",
        "label_ml" => "标签模型匹配",
        "cell_repaired" => "单元格已修复",
        "split_ambiguous" => "拆分有歧义",
        "split_by_arithmetic" => "按算术拆分",
        "collapsed_row" => "合并行",
        "not_a_number" => "非数字",
        "ocr" => "OCR 识别",
        "ocr_unsure" => "OCR 不确定",
        "check_failed" => "校验未通过",
        "corrected" => "已更正",
        "confirmed" => "已确认",
        "suggested" => "有建议值",
        "negative" => "负数",
        "not_integer" => "非整数",
        _ => flag,
    };

    public static string Check(string id)
    {
        var parts = id.Split('.');
        string Col(string key) => Template.ApplicantColumns.FirstOrDefault(c => c.Key == key)?.Label ?? key;
        string Row(string key) => Template.ApplicationRows.FirstOrDefault(r => r.Key == key)?.Label ?? key;
        return parts switch
        {
            ["applications", "balance", var c] => $"表三 收结平衡（{Col(c)}）：新收 + 结转 = 办理结果总计 + 结转下年",
            ["applications", "resultsTotal", var c] => $"表三 办理结果总计（{Col(c)}）",
            ["applications", "rowTotal", var r] => $"表三 行总计（{Row(r)}）",
            ["reviewLitigation", "total", var g] => $"表四 总计（{Template.ReviewGroups.FirstOrDefault(x => x.Key == g)?.Label ?? g}）",
            ["prose", "newReceived"] => "正文中的新收申请数与表三一致",
            ["values", "nonNegativeIntegers"] => "件数为非负整数",
            ["crossYear", "carriedOver", var c] => $"跨年：上年结转下年 = 本年上年结转（{Col(c)}）",
            _ => id,
        };
    }

    /// <summary>A check's message as the validator writes it (figures and Chinese labels joined by English words), in Chinese.</summary>
    public static string CheckMessage(string message)
    {
        foreach (var (from, to) in MessageWords)
        {
            message = message.Replace(from, to, StringComparison.Ordinal);
        }
        return message;
    }

    private static readonly (string From, string To)[] MessageWords =
    [
        (" equals the sum of the outcome rows (一) to (六)", " 应等于（一）至（六）各项之和"),
        (" equals the sum of the six applicant columns", " 应等于六类申请人之和"),
        (" equals ", " 应等于 "),
        (": printed ", "：表中为 "),
        (" but the parts add up to ", "，而各项相加为 "),
        (" states ", " 写明 "),
        (" applications, as 表三 does", " 件申请，与表三一致"),
        (" applications but ", " 件申请，而 "),
        (" 总计 is ", " 总计为 "),
        ("(other report: ", "（另一份报告："),
        ("counts are non-negative integers", "件数均为非负整数"),
        (" figure(s) negative or not whole: ", " 个数字为负数或非整数："),
        (" but ", "，而 "),
    ];

    public static string Format(string? format) => format switch
    {
        "pdf" => "PDF",
        "scan" => "扫描 PDF",
        "image" => "图片",
        "html" => "HTML",
        "docx" => "Word（DOCX）",
        "doc" => "Word（DOC）",
        "text" => "文本",
        null => "—",
        _ => format,
    };

    public static string Number(decimal? value) =>
        value is null ? "—" : (value.Value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    public static string Time(DateTime? utc) =>
        utc is null ? "—" : DateTime.SpecifyKind(utc.Value, DateTimeKind.Utc).ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string FieldLabel(string path) => Template.Find(path) is { } f ? $"{f.RowLabel} · {f.ColumnLabel}" : path;

    public static string TableOf(string path) => Template.Find(path)?.Table switch
    {
        TemplateTable.Active => "表二",
        TemplateTable.Applications => "表三",
        TemplateTable.ReviewLitigation => "表四",
        _ => "",
    };

    /// <summary>
    /// A failed document's reason (stored in English, as the extractor and the logs give it) in Chinese; the
    /// original follows in brackets when only part of it is recognised.
    /// </summary>
    public static string FailureReason(string? error)
    {
        if (string.IsNullOrWhiteSpace(error))
        {
            return "";
        }
        foreach (var (pattern, zh) in Reasons)
        {
            var m = pattern.Match(error);
            if (m.Success)
            {
                return zh(m, error.Trim());
            }
        }
        return $"无法读取该文件（{error}）";
    }

    private static readonly (Regex Pattern, Func<Match, string, string> Zh)[] Reasons =
    [
        (new Regex(@"^no table of the national template was found"), (_, e) => "文档中未找到国家模板（国办公开办函〔2021〕30号）的表格"),
        (new Regex(@"^no figures could be read: (\d+) page\(s\) have no usable text layer"), (m, e) => $"未能读取任何数字：{m.Groups[1].Value} 页没有可用的文字层"),
        (new Regex(@"^the file is (\d+) MB, over the limit of (\d+) MB"), (m, e) => $"文件大小 {m.Groups[1].Value} MB，超过上限 {m.Groups[2].Value} MB"),
        (new Regex(@"^the tables could not be mapped"), (m, e) => $"表格无法对应到模板（{e}）"),
        (new Regex(@"(?i)not a (pdf|zip|docx|word)|unsupported|unknown format|format is not|cannot tell the format"), (m, e) => $"不支持或无法识别的文件格式（{e}）"),
        (new Regex(@"(?i)encrypted|password"), (m, e) => $"文件已加密，无法读取（{e}）"),
        (new Regex(@"(?i)corrupt|damaged|truncated|invalid|cannot be opened|could not be read|not a valid|no pages"), (m, e) => $"文件已损坏或无法打开（{e}）"),
        (new Regex(@"(?i)^the extractor failed"), (m, e) => $"提取程序出错（{e}）"),
    ];
}
