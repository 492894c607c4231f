using Extractor.Readers.External;
using Polly.Timeout;

namespace Extractor.Readers.Docx;

/// <summary>
/// Word 97-2003 (.doc) and WPS (.wps) files are OLE compound files that Open XML cannot read: they
/// are converted to DOCX with LibreOffice headless where it is installed. LibreOffice needs a
/// writable HOME of its own (a shared profile makes parallel runs wait on its lock).
/// </summary>
public static class LegacyWordConverter
{
    public static TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(90);

    public static string? SofficePath => ExternalProcess.Find("soffice") ?? ExternalProcess.Find("libreoffice");

    public static byte[] ToDocx(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        var soffice = SofficePath
            ?? throw new DocumentReadException("a legacy Word 97-2003/WPS file (.doc/.wps) needs LibreOffice (soffice) to be read, and it is not installed");
        using var temp = new TempFolder("extractor-soffice-");
        var ext = Path.GetExtension(fileName).ToLowerInvariant() is ".wps" ? ".wps" : ".doc";
        var input = temp.File("input" + ext);
        File.WriteAllBytes(input, content);
        var home = Directory.CreateDirectory(temp.File("home")).FullName;
        var outDir = Directory.CreateDirectory(temp.File("out")).FullName;
        ProcessOutput output;
        try
        {
            output = ExternalProcess.Run(
                soffice,
                ["--headless", "--norestore", "--convert-to", "docx", "--outdir", outDir, input],
                Timeout,
                new Dictionary<string, string> { ["HOME"] = home },
                temp.Path,
                cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            throw new DocumentReadException($"too complex: the legacy Word file was not converted within {Timeout.TotalSeconds:0} s");
        }
        var converted = Path.Combine(outDir, "input.docx");
        if (output.ExitCode != 0 || !File.Exists(converted))
        {
            var reason = output.StandardError.Trim();
            // The helper's own output is for the log (the exception's inner text), never the reason.
            throw new DocumentReadException("damaged: the legacy Word file could not be converted (it is broken or password-protected)",
                new InvalidOperationException($"soffice exit {output.ExitCode}: {reason[..Math.Min(reason.Length, 2000)]}"));
        }
        return File.ReadAllBytes(converted);
    }
}
