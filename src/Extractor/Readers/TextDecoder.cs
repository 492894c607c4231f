using System.Text;
using Extractor.Model;

namespace Extractor.Readers;

/// <summary>
/// Decodes report text without being told the encoding: BOMs, UTF-16 without BOM (by the zero
/// bytes of ASCII), strict UTF-8, else GB18030 (a superset of GBK and GB2312).
/// </summary>
public static class TextDecoder
{
    static TextDecoder()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static Encoding Gb18030 => Encoding.GetEncoding("GB18030");

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Returns the decoded text and the name of the encoding found.</summary>
    public static (string Text, string Encoding) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
        {
            return (StrictDecode(StrictUtf8, bytes[3..], "UTF-8"), "utf-8-bom");
        }
        if (bytes.StartsWith(new byte[] { 0xFF, 0xFE }))
        {
            return (Encoding.Unicode.GetString(bytes[2..]), "utf-16le");
        }
        if (bytes.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            return (Encoding.BigEndianUnicode.GetString(bytes[2..]), "utf-16be");
        }
        var utf16 = GuessUtf16(bytes);
        if (utf16 is not null)
        {
            return (utf16.GetString(bytes), utf16.WebName);
        }
        try
        {
            return (StrictUtf8.GetString(bytes), "utf-8");
        }
        catch (DecoderFallbackException)
        {
            return (Gb18030.GetString(bytes), "gb18030");
        }
    }

    /// <summary>
    /// A character no report of the national template holds, so a sign of damaged bytes: NUL, the replacement
    /// character, C0/C1 controls other than tab and line breaks, and the scripts a misaligned UTF-16 run turns
    /// digits, tabs and line breaks into (U+0900 Devanagari from a tab, U+0A00 from a newline, U+31xx–U+39xx
    /// from digits: Bopomofo, kana, rare Han of Extension A), private use and lone surrogates.
    /// </summary>
    public static bool IsImplausible(char c) => c switch
    {
        '\t' or '\n' or '\r' or '\f' => false,
        < ' ' => true,
        >= '\u007F' and <= '\u009F' => true,
        '\uFFFD' or '\uFFFE' or '\uFFFF' => true,
        >= '\u0500' and <= '\u1FFF' => true,
        >= '\u3040' and <= '\u30FA' => true,
        >= '\u30FC' and <= '\u33FF' => !(c is >= '\u3220' and <= '\u3243' || c is >= '\u3280' and <= '\u32B0'), // ㈠… ㊀… are used in lists
        >= '\u3400' and <= '\u4DBF' => true,
        >= '\uA000' and <= '\uABFF' => true,
        >= '\uAC00' and <= '\uD7FF' => true,
        >= '\uD800' and <= '\uDFFF' => true, // pairs are checked by the caller
        >= '\uE000' and <= '\uF8FF' => true,
        _ => false,
    };

    /// <summary>
    /// The lines of decoded text holding damaged characters (<see cref="IsImplausible"/>), as ranges of offsets
    /// [start, end) into the text. A misaligned UTF-16 run swallows its line breaks, so one such "line" may run
    /// over several rows of a table: all of it is damaged.
    /// </summary>
    public static List<(int Start, int End)> FindDamage(string text)
    {
        var damaged = new List<(int Start, int End)>();
        var start = 0;
        var bad = false;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '\n')
            {
                if (bad)
                {
                    damaged.Add((start, i));
                }
                start = i + 1;
                bad = false;
                continue;
            }
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            bad |= IsImplausible(c);
        }
        return damaged;
    }

    /// <summary>
    /// Marks every table cell read from a damaged line unsure (a recognition certainty of 0.5, below what any
    /// figure needs to be ok), so bad bytes can never become an ok figure, and says so in a warning.
    /// </summary>
    public static void MarkDamaged(LayoutDocument document, IReadOnlyList<(int Start, int End)> damaged)
    {
        if (damaged.Count == 0)
        {
            return;
        }
        bool Damaged(int? offset) => offset is int o && damaged.Any(d => o >= d.Start && o < d.End);
        var marked = 0;
        for (var b = 0; b < document.Blocks.Count; b++)
        {
            if (document.Blocks[b] is not TableBlock { Table: var table } || !table.Cells.Any(c => Damaged(c.Provenance.Offset)))
            {
                continue;
            }
            var cells = table.Cells.Select(c => Damaged(c.Provenance.Offset) ? c with { Confidence = Math.Min(c.Confidence ?? 1, DamagedCellConfidence) } : c).ToList();
            marked += cells.Count(c => c.Confidence == DamagedCellConfidence);
            document.Blocks[b] = new TableBlock(new Table(cells, table.Provenance, table.Strategy));
        }
        document.Warnings.Add($"the text is damaged in {damaged.Count} place(s) (bytes that do not decode as text, such as NULs or a misaligned UTF-16 run): "
            + $"{marked} table cell(s) read there are marked for review");
    }

    /// <summary>Below <c>RowValues.MinSureRecognition</c>: never ok.</summary>
    public const double DamagedCellConfidence = 0.5;

    /// <summary>Decodes with a named charset (from an HTML meta tag), falling back to detection.</summary>
    public static string DecodeAs(ReadOnlySpan<byte> bytes, string? charset)
    {
        if (charset is not null)
        {
            var name = charset.Trim().ToLowerInvariant();
            if (name is "gb2312" or "gbk" or "gb18030" or "x-gbk" or "cp936")
            {
                return Gb18030.GetString(bytes);
            }
        }
        return Decode(bytes).Text;
    }

    private static string StrictDecode(UTF8Encoding encoding, ReadOnlySpan<byte> bytes, string name)
    {
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new Readers.DocumentReadException($"declares {name} but holds bytes that are not {name}", ex);
        }
    }

    /// <summary>UTF-16 without BOM: ASCII characters (newlines, digits, tabs) put zero bytes at even or odd offsets.</summary>
    private static Encoding? GuessUtf16(ReadOnlySpan<byte> bytes)
    {
        var n = Math.Min(bytes.Length, 4096) & ~1;
        if (n < 8)
        {
            return null;
        }
        int evenZero = 0, oddZero = 0;
        for (var i = 0; i < n; i += 2)
        {
            if (bytes[i] == 0) evenZero++;
            if (bytes[i + 1] == 0) oddZero++;
        }
        var pairs = n / 2;
        // ASCII (digits, tabs, newlines) puts its zero byte on one side; CJK text rarely has zero bytes at all.
        if (oddZero >= Math.Max(4, pairs / 50) && oddZero >= 4 * evenZero) return Plausible(Encoding.Unicode, bytes);
        if (evenZero >= Math.Max(4, pairs / 50) && evenZero >= 4 * oddZero) return Plausible(Encoding.BigEndianUnicode, bytes);
        return null;
    }

    private static Encoding? Plausible(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        var sample = encoding.GetString(bytes[..(Math.Min(bytes.Length, 4096) & ~1)]);
        var odd = sample.Count(c => (char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f')) || char.IsSurrogate(c) || c == '\uFFFD');
        return odd * 50 <= sample.Length ? encoding : null;
    }

    /// <summary>True for content no text report could be: NUL bytes (outside UTF-16) or many control bytes.</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(new byte[] { 0xFF, 0xFE }) || bytes.StartsWith(new byte[] { 0xFE, 0xFF }) || GuessUtf16(bytes) is not null)
        {
            return false;
        }
        var n = Math.Min(bytes.Length, 8192);
        var control = 0;
        for (var i = 0; i < n; i++)
        {
            var b = bytes[i];
            if (b == 0)
            {
                return true;
            }
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0D or 0x0C))
            {
                control++;
            }
        }
        return control > n / 100 + 2;
    }

    public static bool LooksLikeHtml(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 4096)]).ToLowerInvariant();
        return head.Contains("<html") || head.Contains("<!doctype html") || head.Contains("<table") || head.Contains("<body");
    }
}
