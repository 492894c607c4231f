using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Extractor.Readers.Html;

/// <summary>
/// The pictures of an HTML page, for OCR: a data: URI (base64 or percent-encoded) is decoded; a
/// relative src is read from the page's folder when the page is a file whose folder is known, never
/// from outside that folder; a web address is never fetched. What cannot be had is said once per
/// picture (web addresses once in all). A picture whose width and height attributes are both under
/// the tiny limit (icons, logos) is passed over without a word.
/// </summary>
internal sealed partial class HtmlImages(string? folder)
{
    /// <summary>Pictures with both width and height attributes under this (CSS px) are not tables.</summary>
    private const int TinyAttribute = 100;

    private const long MaxFileBytes = 50L * 1024 * 1024;

    private const double CssPixelsPerInch = 96;

    private readonly string? _folder = folder is null ? null : Path.GetFullPath(folder);
    private int _dataUris;
    private int _remote;

    public List<EmbeddedPicture> Pictures { get; } = [];

    public List<string> Warnings { get; } = [];

    [GeneratedRegex(@"^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex PixelLength();

    [GeneratedRegex(@"(?:^|;)\s*width\s*:\s*(\d+(?:\.\d+)?)\s*px", RegexOptions.IgnoreCase)]
    private static partial Regex StyleWidth();

    /// <summary>Records the picture of an img element at <paramref name="blockIndex"/> (or says why it cannot be had).</summary>
    public void Add(IElement img, int blockIndex, int elementIndex)
    {
        var width = Length(img.GetAttribute("width")) ?? (StyleWidth().Match(img.GetAttribute("style") ?? "") is { Success: true } m ? Number(m.Groups[1].Value) : null);
        var height = Length(img.GetAttribute("height"));
        if (width is < TinyAttribute && height is < TinyAttribute)
        {
            return;
        }
        // Lazy-loading pages put the picture in data-src / data-original and a placeholder in src.
        var src = new[] { img.GetAttribute("src"), img.GetAttribute("data-src"), img.GetAttribute("data-original") }
            .Select(s => s?.Trim())
            .Where(s => !string.IsNullOrEmpty(s))
            .OrderBy(s => s!.StartsWith("data:image/gif", StringComparison.OrdinalIgnoreCase) ? 1 : 0)
            .FirstOrDefault();
        if (src is null)
        {
            return;
        }
        var (bytes, contentType, name) = src.StartsWith("data:", StringComparison.OrdinalIgnoreCase) ? FromDataUri(src) : FromFile(src);
        if (bytes is null)
        {
            return;
        }
        Pictures.Add(new EmbeddedPicture(bytes, contentType, blockIndex, name)
        {
            DisplayWidthInches = width / CssPixelsPerInch,
            Offset = elementIndex,
            DomPath = $"img[{elementIndex}]",
        });
    }

    /// <summary>The one warning for all web addresses, if any were met.</summary>
    public void Finish()
    {
        if (_remote > 0)
        {
            Warnings.Add($"{_remote} image(s) on the page link to the web and were not fetched (this reader never downloads): a table shown in them is not read");
        }
    }

    private (byte[]?, string, string) FromDataUri(string src)
    {
        var name = $"data: URI #{++_dataUris}";
        var comma = src.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            Warnings.Add($"image {name} is not a valid data: URI (no comma): not read");
            return (null, "", name);
        }
        var header = src[5..comma];
        var payload = src[(comma + 1)..];
        var contentType = header.Split(';')[0].Trim().ToLowerInvariant();
        try
        {
            var bytes = header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase)
                ? Convert.FromBase64String(WhiteSpace().Replace(Uri.UnescapeDataString(payload), ""))
                : Uri.UnescapeDataString(payload).Select(c => (byte)c).ToArray();
            return (bytes, contentType, name);
        }
        catch (FormatException)
        {
            Warnings.Add($"image {name} ({contentType}) holds invalid base64: not read");
            return (null, contentType, name);
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    private (byte[]?, string, string) FromFile(string src)
    {
        if (src.StartsWith("//", StringComparison.Ordinal) || Uri.TryCreate(src, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" or "ftp")
        {
            _remote++;
            return (null, "", src);
        }
        var relative = Uri.UnescapeDataString(src.Split('?', '#')[0]);
        var name = Path.GetFileName(relative.Replace('\\', '/').TrimEnd('/'));
        if (_folder is null)
        {
            Warnings.Add($"image {relative} not in the upload (only the page itself was given): a table shown in it is not read");
            return (null, "", name);
        }
        if (Uri.TryCreate(src, UriKind.Absolute, out var other) && other.Scheme.Length > 1 || Path.IsPathRooted(relative))
        {
            Warnings.Add($"image {src} is not a path relative to the page: not read");
            return (null, "", name);
        }
        var path = Path.GetFullPath(Path.Combine(_folder, relative));
        if (!path.StartsWith(_folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            Warnings.Add($"image {relative} lies outside the page's folder: not read");
            return (null, "", name);
        }
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            Warnings.Add($"image {relative} not found beside the page: a table shown in it is not read");
            return (null, "", name);
        }
        if (file.Length > MaxFileBytes)
        {
            Warnings.Add($"image {relative} is {file.Length / (1024 * 1024)} MB, over the limit of {MaxFileBytes / (1024 * 1024)} MB: not read");
            return (null, "", name);
        }
        try
        {
            return (File.ReadAllBytes(path), "", relative);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Warnings.Add($"image {relative} cannot be opened ({ex.Message}): not read");
            return (null, "", name);
        }
    }

    /// <summary>A width/height attribute in pixels (bare number or px); null for percentages and the like.</summary>
    private static double? Length(string? value) =>
        value is not null && PixelLength().Match(value) is { Success: true } m ? Number(m.Groups[1].Value) : null;

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : null;
}
