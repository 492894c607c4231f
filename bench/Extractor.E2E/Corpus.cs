using System.Text;
using System.Text.RegularExpressions;

namespace Extractor.E2E;

/// <summary>One generated report: a file name and its bytes (distinct from every other's, so none is a duplicate upload).</summary>
public sealed record GeneratedDocument(string FileName, byte[] Content, string Source);

/// <summary>
/// Generates N reports from the fixtures in testdata/{html,text,pdf}:
/// 1. HTML and text: every table figure that stands alone in its cell is multiplied by a factor k (2..9), so the
///    template's arithmetic still holds (all its checks are linear) while the figures vary; the text keeps its encoding.
/// 2. PDFs are reused as they are, with a comment line appended after %%EOF so the bytes (and SHA-256) differ.
/// 3. Every copy carries its sequence number (an HTML comment, a trailing text line), so no two are the same bytes.
/// </summary>
public static partial class Corpus
{
    public static IReadOnlyList<(string Name, string Kind, byte[] Bytes)> LoadFixtures(string repoRoot)
    {
        var list = new List<(string, string, byte[])>();
        foreach (var (folder, kind) in new[] { ("html", "html"), ("text", "text"), ("pdf", "pdf") })
        {
            var dir = Path.Combine(repoRoot, "testdata", folder);
            foreach (var file in Directory.GetFiles(dir).Where(f => !f.EndsWith(".truth.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                list.Add((Path.GetFileName(file), kind, File.ReadAllBytes(file)));
            }
        }
        return list.Count > 0 ? list : throw new InvalidOperationException("no fixtures under testdata/{html,text,pdf}");
    }

    public static List<GeneratedDocument> Generate(IReadOnlyList<(string Name, string Kind, byte[] Bytes)> fixtures, int count, int seed)
    {
        var random = new Random(seed);
        var docs = new List<GeneratedDocument>(count);
        for (var i = 0; i < count; i++)
        {
            var (name, kind, bytes) = fixtures[i % fixtures.Count];
            var factor = random.Next(2, 10);
            var stem = Path.GetFileNameWithoutExtension(name);
            var ext = Path.GetExtension(name);
            var content = kind switch
            {
                "pdf" => Concat(bytes, Encoding.ASCII.GetBytes($"\n% e2e copy {i:D6}\n")),
                "html" => Rewrite(bytes, factor, i, html: true),
                _ => Rewrite(bytes, factor, i, html: false),
            };
            docs.Add(new GeneratedDocument($"{stem}-{i:D6}{ext}", content, name));
        }
        return docs;
    }

    private static byte[] Concat(byte[] a, byte[] b)
    {
        var r = new byte[a.Length + b.Length];
        a.CopyTo(r, 0);
        b.CopyTo(r, a.Length);
        return r;
    }

    private static byte[] Rewrite(byte[] bytes, int factor, int sequence, bool html)
    {
        var (encoding, preamble) = DetectEncoding(bytes);
        var text = encoding.GetString(bytes, preamble, bytes.Length - preamble);
        text = (html ? HtmlCellNumber() : TextCellNumber()).Replace(text, m => Scale(m, factor));
        text += html ? $"\n<!-- e2e copy {sequence:D6} -->\n" : $"\n（e2e copy {sequence:D6}）\n";
        return Concat(bytes[..preamble], encoding.GetBytes(text));
    }

    private static string Scale(Match m, int factor)
    {
        var digits = m.Groups["n"].Value;
        // Years (2023) and long identifiers are not table figures.
        if (digits.Length >= 4 || !long.TryParse(digits, out var n))
        {
            return m.Value;
        }
        return m.Value.Replace(digits, (n * factor).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>UTF-16 (BOM or NUL bytes), UTF-8 (strictly valid), else GB18030 (GB2312/GBK pages).</summary>
    private static (Encoding Encoding, int Preamble) DetectEncoding(byte[] b)
    {
        if (b.Length >= 2 && b[0] == 0xFF && b[1] == 0xFE)
        {
            return (new UnicodeEncoding(false, false), 2);
        }
        if (b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF)
        {
            return (new UnicodeEncoding(true, false), 2);
        }
        if (b.Length >= 4 && b[1] == 0 && b[3] == 0)
        {
            return (new UnicodeEncoding(false, false), 0);
        }
        var bom = b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0;
        try
        {
            var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
            _ = strict.GetString(b, bom, b.Length - bom);
            return (strict, bom);
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return (Encoding.GetEncoding("GB18030"), 0);
        }
    }

    // A figure alone in a cell: <td ...>12</td>, possibly inside <p>/<span> or around &nbsp;.
    [GeneratedRegex(@"(?<=>)(?:\s|&nbsp;)*(?<n>\d+)(?:\s|&nbsp;)*(?=<)")]
    private static partial Regex HtmlCellNumber();

    // A figure standing alone between tabs, pipes, spaces or line ends (not "1." of a label, not 2023年).
    [GeneratedRegex(@"(?<=^|[\t| ])(?<n>\d+)(?=$|[\t| \r])", RegexOptions.Multiline)]
    private static partial Regex TextCellNumber();
}
