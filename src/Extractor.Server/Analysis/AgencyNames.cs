using System.Globalization;
using System.Text;

namespace Extractor.Server.Analysis;

/// <summary>How agency names are compared: as printed, up to width, compatibility forms and whitespace.</summary>
public static class AgencyNames
{
    /// <summary>NFKC (full-width letters, Kangxi radicals of Chromium PDFs) and no whitespace: 「卷硐镇 人民政府」 = 「卷硐镇人民政府」.</summary>
    public static string Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }
        var s = name.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (!char.IsWhiteSpace(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    /// <summary>Suffixes a report often adds to the registry's name; used only to suggest an alias, never to match.</summary>
    public static readonly string[] CommonSuffixes = ["人民政府办公室", "人民政府", "办事处", "政府"];
}

/// <summary>A region path 省 › 市 › 县 › 乡镇; a filter matches an agency whose path starts with the filter's parts.</summary>
public sealed record RegionPath(string Province, string City, string County, string Township)
{
    public const string Separator = " › ";

    public IEnumerable<string> Parts => new[] { Province, City, County, Township }.Where(p => p.Length > 0);

    public override string ToString() => string.Join(Separator, Parts);

    /// <summary>Parses 「贵州省›六盘水市」, 「贵州省/六盘水市」 or 「贵州省 > 六盘水市」.</summary>
    public static string[] ParseFilter(string? filter) =>
        string.IsNullOrWhiteSpace(filter)
            ? []
            : filter.Split(['›', '/', '>', '＞', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(AgencyNames.Normalize).Where(p => p.Length > 0).ToArray();

    public bool Matches(string[] filter)
    {
        var parts = Parts.Select(AgencyNames.Normalize).ToArray();
        if (filter.Length > parts.Length)
        {
            return false;
        }
        for (var i = 0; i < filter.Length; i++)
        {
            if (!string.Equals(parts[i], filter[i], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }
}
