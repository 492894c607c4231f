using System.Globalization;
using Extractor.Results;
using Extractor.Server.Analysis;
using Extractor.Storage;
using Extractor.Storage.Entities;
using Extractor.Validation;
using Microsoft.EntityFrameworkCore;

namespace Extractor.Server.Results;

/// <summary>
/// The rule pack's rules that need more than one report (scopes crossYear and crossCopy), computed when read like
/// <see cref="CrossYearChecks"/>, through the registry's names and aliases and each year's report of record
/// (<see cref="ReportCatalog"/>):
/// <list type="bullet">
/// <item><c>applications.carryOver</c> (error): the carry-over check of <see cref="CrossYearChecks"/>, on both reports;</item>
/// <item><c>table2.inForce.carryOver</c> (warning): 表二 本年现行有效 against last year's 现行有效 + 本年制发 − 本年废止, on the later report;</item>
/// <item><c>prose.sameAsLastYear</c> (warning): a prose section whose character 4-gram Jaccard similarity with last year's same section is ≥ <see cref="SimilarityThreshold"/>;</item>
/// <item><c>copies.disagree</c> (warning): another extracted copy of the same agency-year whose figures differ.</item>
/// </list>
/// Figures are compared as printed (the stored field values, corrections applied); nothing is rewritten.
/// </summary>
public sealed class ServerFindings(ExtractorDbContext db, CrossYearChecks crossYear)
{
    /// <summary>Character 4-gram Jaccard similarity from which a section counts as last year's republished.</summary>
    public const double SimilarityThreshold = 0.9;

    /// <summary>Sections shorter than this (after removing whitespace) are not compared: a line of 「无」 is no copy.</summary>
    public const int MinSectionLength = 40;

    /// <summary>The prose sections compared across years, with the Chinese name the message uses.</summary>
    public static readonly (string Key, string Name)[] ProseSections =
    [
        ("overview", "一、总体情况"), ("problems", "五、存在的主要问题及改进情况"), ("other", "六、其他需要报告的事项"),
    ];

    private static readonly (string Key, string Name)[] Table2Kinds = [("regulations", "规章"), ("normativeDocuments", "行政规范性文件")];

    /// <summary>
    /// Adds the cross-year checks (failed ones flag their fields, as before), the cross-year and cross-copy findings,
    /// and recounts <see cref="ExtractionResult.Quality"/> over all findings. Fields of an error finding get the
    /// check_failed flag (as the carry-over check always did).
    /// </summary>
    public async Task ApplyAsync(Document doc, ExtractionResult result, CancellationToken ct, ReportCatalog? catalog = null)
    {
        if (result.Status == "failed")
        {
            return;
        }
        catalog ??= await ReportCatalog.LoadAsync(db, ct);
        var pairs = await crossYear.PairsAsync(doc, catalog, ct);
        foreach (var check in pairs.Select(p => p.Check))
        {
            result.Checks.Add(check);
        }
        var findings = await ForAsync(doc, result, pairs, catalog, ct);
        foreach (var f in findings.Where(f => f.Severity == Severities.Error))
        {
            foreach (var path in f.Fields)
            {
                result.Fields.GetValueOrDefault(path)?.AddFlag(Flags.CheckFailed);
            }
        }
        result.Findings.AddRange(findings);
        result.Quality = RulePack.Default.Summarize(result.Findings);
    }

    /// <summary>The document's served result (stored result plus the checks and findings above); null when it has none.</summary>
    public async Task<ExtractionResult?> ResultAsync(Document doc, CancellationToken ct, ReportCatalog? catalog = null)
    {
        if (doc.ResultJson is null || ResultJson.Deserialize(doc.ResultJson) is not { } result)
        {
            return null;
        }
        await ApplyAsync(doc, result, ct, catalog);
        return result;
    }

    /// <summary>The catalog every call of one request can share.</summary>
    public Task<ReportCatalog> CatalogAsync(CancellationToken ct) => ReportCatalog.LoadAsync(db, ct);

    private async Task<List<Finding>> ForAsync(Document doc, ExtractionResult result, List<CrossYearChecks.CarryPair> pairs, ReportCatalog catalog, CancellationToken ct)
    {
        var pack = RulePack.Default;
        var list = new List<Finding>();
        if (doc.Status != DocumentStatus.Done || doc.Year is null)
        {
            return list;
        }
        foreach (var p in pairs.Where(p => !p.Check.Passed))
        {
            list.Add(pack.Finding("applications.carryOver", new Dictionary<string, object?>
            {
                ["column"] = p.ColumnLabel, ["printed"] = Plain(p.CarriedOver), ["lastYear"] = p.EarlierYear, ["previous"] = Plain(p.CarriedForward),
            }, p.Check.Fields));
        }
        if (!catalog.ByDocument.TryGetValue(doc.Id, out var group))
        {
            return list;
        }
        var previous = catalog.Groups.FirstOrDefault(g => g.AgencyKey == group.AgencyKey && g.Year == doc.Year - 1)?.Record;
        if (previous is not null && previous.Id != doc.Id)
        {
            var prev = await db.Documents.AsNoTracking().Where(d => d.Id == previous.Id).Select(d => d.ResultJson).SingleOrDefaultAsync(ct);
            var prevResult = prev is null ? null : ResultJson.Deserialize(prev);
            if (prevResult is not null)
            {
                list.AddRange(Table2CarryOver(result, prevResult, previous.Year ?? doc.Year.Value - 1));
                list.AddRange(SameProse(result, prevResult, previous.Year ?? doc.Year.Value - 1, previous.FileName));
            }
        }
        list.AddRange(await CopiesAsync(doc, group, ct));
        return list;
    }

    private static IEnumerable<Finding> Table2CarryOver(ExtractionResult now, ExtractionResult last, int lastYear)
    {
        decimal? V(ExtractionResult r, string p) => r.Fields.GetValueOrDefault(p)?.Value;
        foreach (var (key, name) in Table2Kinds)
        {
            var paths = (InForce: $"active.{key}.inForce", Issued: $"active.{key}.issued", Repealed: $"active.{key}.repealed");
            if (V(now, paths.InForce) is not { } printed || V(last, paths.InForce) is not { } previous
                || V(now, paths.Issued) is not { } issued || V(now, paths.Repealed) is not { } repealed)
            {
                continue;
            }
            var expected = previous + issued - repealed;
            if (printed != expected)
            {
                yield return RulePack.Default.Finding("table2.inForce.carryOver", new Dictionary<string, object?>
                {
                    ["kind"] = name, ["printed"] = Plain(printed), ["lastYear"] = lastYear, ["previous"] = Plain(previous),
                    ["issued"] = Plain(issued), ["repealed"] = Plain(repealed), ["expected"] = Plain(expected),
                }, [paths.InForce, paths.Issued, paths.Repealed]);
            }
        }
    }

    private static IEnumerable<Finding> SameProse(ExtractionResult now, ExtractionResult last, int lastYear, string lastFile)
    {
        foreach (var (key, name) in ProseSections)
        {
            var a = now.Sections.GetValueOrDefault(key);
            var b = last.Sections.GetValueOrDefault(key);
            if (a is null || b is null)
            {
                continue;
            }
            var similarity = Similarity(a, b);
            if (similarity is { } s && s >= SimilarityThreshold)
            {
                yield return RulePack.Default.Finding("prose.sameAsLastYear", new Dictionary<string, object?>
                {
                    ["section"] = name, ["lastYear"] = lastYear, ["similarity"] = s.ToString("0.00", CultureInfo.InvariantCulture),
                    ["other"] = lastFile,
                }, [], [new Passage { Section = key, Offset = 0, Length = a.Length, Text = a }]);
            }
        }
    }

    /// <summary>
    /// Jaccard similarity of the sets of character 4-grams of the two texts, whitespace removed and every year
    /// number (20xx) masked, so a report republished with only its years changed scores 1; null when either text
    /// is shorter than <see cref="MinSectionLength"/>.
    /// </summary>
    public static double? Similarity(string a, string b)
    {
        var x = Grams(a);
        var y = Grams(b);
        if (x is null || y is null)
        {
            return null;
        }
        var inter = x.Count(y.Contains);
        var union = x.Count + y.Count - inter;
        return union == 0 ? null : (double)inter / union;
    }

    private static HashSet<string>? Grams(string text)
    {
        var plain = System.Text.RegularExpressions.Regex.Replace(new string(text.Where(c => !char.IsWhiteSpace(c)).ToArray()), "20[0-9]{2}", "####");
        if (plain.Length < MinSectionLength)
        {
            return null;
        }
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 4 <= plain.Length; i++)
        {
            set.Add(plain.Substring(i, 4));
        }
        return set;
    }

    private async Task<List<Finding>> CopiesAsync(Document doc, ReportGroup group, CancellationToken ct)
    {
        var list = new List<Finding>();
        var others = group.Copies.Where(c => c.Id != doc.Id && c.Status == DocumentStatus.Done).ToList();
        // A copy is compared with the report of record; the record with every other copy.
        if (group.Record is { } record && record.Id != doc.Id)
        {
            others = others.Where(c => c.Id == record.Id).ToList();
        }
        if (others.Count == 0)
        {
            return list;
        }
        var values = await FieldValues.LoadAsync(db, others.Select(o => o.Id).Append(doc.Id), null, ct);
        var own = values.GetValueOrDefault(doc.Id) ?? [];
        foreach (var other in others)
        {
            var theirs = values.GetValueOrDefault(other.Id) ?? [];
            var differ = Extractor.Schema.Template.Fields.Select(f => f.Path)
                .Where(p => own.GetValueOrDefault(p)?.Value != theirs.GetValueOrDefault(p)?.Value).ToList();
            if (differ.Count == 0)
            {
                continue;
            }
            var named = differ.Take(8).Select(p => $"{FieldLabels.Of(p)}（本副本 {Plain(own.GetValueOrDefault(p)?.Value)}，另一副本 {Plain(theirs.GetValueOrDefault(p)?.Value)}）");
            list.Add(RulePack.Default.Finding("copies.disagree", new Dictionary<string, object?>
            {
                ["year"] = doc.Year, ["other"] = other.FileName, ["otherId"] = other.Id, ["count"] = differ.Count,
                ["fields"] = string.Join("、", named) + (differ.Count > 8 ? " 等" : ""),
            }, differ));
        }
        return list;
    }

    private static string Plain(decimal? v) => v is null ? "空" : (v.Value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
