using Extractor.Server.Analysis;
using MudBlazor;

namespace Extractor.Server.Web.Analysis;

/// <summary>What the analysts' pages share: state colours, region choices, links into the analysis API.</summary>
public static class AnalysisView
{
    public static Color StateColor(string state) => state switch
    {
        ValueStates.Review => Color.Warning,
        ValueStates.Corrected => Color.Info,
        ValueStates.Confirmed => Color.Success,
        ValueStates.Missing => Color.Default,
        _ => Color.Primary,
    };

    public static Color CoverageColor(string state) => state switch
    {
        Coverage.NotReceived => Color.Error,
        Coverage.Failed => Color.Error,
        Coverage.Processing => Color.Default,
        Coverage.InReview => Color.Warning,
        _ => Color.Success,
    };

    /// <summary>Every region path of the registry and each of its prefixes: 四川省, 四川省 › 达州市, …</summary>
    public static List<string> Regions(RegistryIndex registry) =>
        registry.Agencies.SelectMany(a =>
        {
            var parts = RegistryIndex.RegionOf(a).Parts.ToList();
            return Enumerable.Range(1, parts.Count).Select(n => string.Join(RegionPath.Separator, parts.Take(n)));
        }).Distinct().Order(StringComparer.Ordinal).ToList();

    public static List<string> Levels(RegistryIndex registry) =>
        registry.Agencies.Select(a => a.Level).Where(l => l.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();

    public static string Query(params (string Key, string? Value)[] parts) =>
        string.Join('&', parts.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));

    public static string Number(decimal? v) => v is null ? "—" : v.Value.ToString("#,0.####", System.Globalization.CultureInfo.InvariantCulture);
}
