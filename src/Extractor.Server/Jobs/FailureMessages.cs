namespace Extractor.Server.Jobs;

/// <summary>
/// Why a document failed, in words a county office clerk understands, in Chinese for the API and the web app:
/// the file's name and what is wrong (damaged, password-protected, not a report, too large, too complex). The
/// engine's own English reason, with any technical detail, is kept in the log and the raw result only.
/// </summary>
public static class FailureMessages
{
    public const string ExtractorStopped = "the extractor stopped on this file";
    public const string ExtractorFailed = "the extractor failed on this file";

    public static string OverTime(TimeSpan deadline) =>
        $"too complex: not read within its time budget of {deadline.TotalSeconds:0} s";

    public static string OverMemory(int megabytes) =>
        $"too complex: needed more than its memory budget of {megabytes} MB";

    /// <summary>The job itself gave up (the store unreachable for long, workers that cannot start): not the file's fault.</summary>
    public static string RetriesExhausted(string fileName) =>
        $"文件“{fileName}”：多次尝试后仍未能完成处理（服务暂时出现故障，详情见服务器日志），请稍后重新提交或联系管理员。";

    /// <summary>The Chinese message for the API: 文件“name”：what is wrong.</summary>
    public static string ForApi(string fileName, string? reason) => $"文件“{fileName}”{Explain(reason ?? "")}";

    private static string Explain(string reason)
    {
        var r = reason.ToLowerInvariant();
        return r switch
        {
            _ when r.StartsWith(ExtractorStopped, StringComparison.Ordinal) =>
                "：解析程序在此文件上两次中止运行，已停止处理（文件可能已损坏或结构异常），不会再次排队。",
            _ when r.Contains("time budget") => "：结构过于复杂，未能在规定时间内读完，已停止处理。",
            _ when r.Contains("memory budget") || r.Contains("memory limit") || r.Contains("more memory") => "：结构过于复杂，读取所需内存超出限额，已停止处理。",
            _ when r.Contains("too complex") || r.Contains("nested") || r.Contains("too deep") => "：结构过于复杂（嵌套层级过深），无法读取。",
            _ when r.Contains("password") || r.Contains("encrypted") => "：文件设有密码（已加密），无法读取。请上传未加密的文件。",
            _ when r.Contains("zip bomb") || r.Contains("expands") => "：文件解压后过大（疑似压缩炸弹），已拒绝读取。",
            _ when r.Contains("over the limit") || r.Contains("too large") || r.Contains("too long") => "：文件过大，超出允许的大小。",
            _ when r.StartsWith("not a report", StringComparison.Ordinal) => "：不是政府信息公开工作年度报告（内容中没有报告的表格和数字）。",
            _ when r.Contains("no table of the national template") => "：不是政府信息公开工作年度报告（未找到国家模板的表格）。",
            _ when r.Contains("no usable text layer") => "：扫描页无法识别，未读出任何数字。",
            _ when r.Contains("is empty") || r.Contains("holds no text") => "：文件是空的，没有可读的文字。",
            _ when r.Contains("not supported") || r.Contains("neither pdf") || r.Contains("are not read") => "：不支持此文件格式。请上传 PDF、Word（DOCX）、网页或文本文件。",
            _ when r.Contains("not installed") => "：服务器缺少读取此类文件所需的组件，请联系管理员。",
            _ when r.Contains("not a pdf") || r.Contains("not a word") || r.Contains("not a readable") || r.Contains("not a zip")
                   => "：文件已损坏，或扩展名与实际格式不符，无法读取。",
            _ when r.Contains("corrupt") || r.Contains("truncated") || r.Contains("damaged") || r.Contains("holds bytes that are not")
                   || r.Contains("no main document") => "：文件已损坏，无法读取。",
            _ when r.Contains("too small") => "：图片太小，无法读出表格。",
            _ when r.StartsWith(ExtractorFailed, StringComparison.Ordinal) => "：解析程序无法处理此文件（文件可能已损坏）。",
            _ => "：无法读取（文件可能已损坏或格式不受支持）。",
        };
    }
}
