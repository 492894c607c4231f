using System.Text;

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
