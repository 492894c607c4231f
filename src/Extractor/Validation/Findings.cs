using Extractor.Results;
using Extractor.Schema;

namespace Extractor.Validation;

/// <summary>
/// The rule pack applied to one report: each failed check becomes a finding of its rule, the document-scope
/// rules (<see cref="DocumentRules"/>) add theirs, and the quality summary counts them. Fields of an error
/// finding that are still ok become review (failed checks already made theirs review): nothing is weakened.
/// </summary>
public static class Findings
{
    /// <summary>Evaluates the pack's document rules on the result and sets <c>findings</c> and <c>quality</c>; idempotent.</summary>
    public static void Apply(ExtractionResult result, RulePack? pack = null)
    {
        pack ??= RulePack.Default;
        // Re-applied to a stored result (the server, after corrections): findings of other scopes stay, and so do
        // the structure rules' where the chapter order is no longer known (it is not stored).
        var kept = result.Findings.Where(f => pack.Find(f.Rule) is not { Scope: "document" } || (result.ChapterOrder is null && DocumentRules.StructureRules.Contains(f.Rule))).ToList();
        var findings = new List<Finding>();
        foreach (var check in result.Checks.Where(c => !c.Passed))
        {
            findings.AddRange(FromCheck(check, result, pack));
        }
        findings.AddRange(DocumentRules.Evaluate(result, pack));
        foreach (var finding in findings.Where(f => f.Severity == Severities.Error))
        {
            foreach (var path in finding.Fields)
            {
                if (result.Fields.TryGetValue(path, out var f) && f.Status == FieldStatus.Ok && !f.Flags.Contains(Flags.Corrected))
                {
                    f.Status = FieldStatus.Review;
                    f.AddFlag(Flags.CheckFailed);
                }
            }
        }
        findings.AddRange(kept);
        result.Findings = findings;
        result.Quality = pack.Summarize(findings);
    }

    private static string Label(string col) => Template.ApplicantColumns.FirstOrDefault(c => c.Key == col)?.Label ?? col;

    /// <summary>The finding(s) of a failed check: its rule's message with the printed figures.</summary>
    internal static IEnumerable<Finding> FromCheck(CheckResult check, ExtractionResult result, RulePack pack)
    {
        decimal? V(string p) => result.Fields.TryGetValue(p, out var f) ? f.Value : null;
        string S(decimal? v) => v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—";
        var id = check.Id;
        if (id.StartsWith("applications.balance.", StringComparison.Ordinal))
        {
            var col = id["applications.balance.".Length..];
            decimal? Sum(params string[] rows) => rows.Select(r => V(Template.ApplicationPath(r, col))).Aggregate((decimal?)0, (a, b) => a + b);
            yield return pack.Finding("applications.balance", new Dictionary<string, object?>
            {
                ["column"] = Label(col), ["left"] = S(Sum("newReceived", "carriedOver")), ["right"] = S(Sum("resultsTotal", "carriedForward")),
            }, check.Fields);
        }
        else if (id.StartsWith("applications.resultsTotal.", StringComparison.Ordinal) || id.StartsWith("applications.rowTotal.", StringComparison.Ordinal)
                 || id.StartsWith("reviewLitigation.total.", StringComparison.Ordinal))
        {
            var rule = id[..id.LastIndexOf('.')];
            var key = id[(id.LastIndexOf('.') + 1)..];
            var printed = V(check.Fields[0]);
            // Parts as printed; a collapsed （六）其他处理 stands for its sub-rows (as the check used it).
            var sum = check.Fields.Skip(1).Select(p => V(p) ?? result.Extra?.GetValueOrDefault(CollapsedPath(p)) ?? 0).Sum();
            var args = new Dictionary<string, object?> { ["printed"] = S(printed), ["sum"] = S(sum) };
            args[rule switch { "applications.resultsTotal" => "column", "applications.rowTotal" => "row", _ => "group" }] = rule switch
            {
                "applications.resultsTotal" => Label(key),
                "applications.rowTotal" => Template.ApplicationRows.FirstOrDefault(r => r.Key == key)?.Label ?? key,
                _ => Template.ReviewGroups.FirstOrDefault(g => g.Key == key)?.Label ?? key,
            };
            yield return pack.Finding(rule, args, check.Fields);
        }
        else if (id == "values.nonNegativeIntegers")
        {
            var active = check.Fields.Where(p => p.StartsWith("active.", StringComparison.Ordinal)).ToList();
            var counts = active.Where(p => p != "active.feesWanYuan").ToList();
            var others = check.Fields.Except(active).ToList();
            if (others.Count > 0)
            {
                yield return pack.Finding("values.nonNegativeIntegers", new Dictionary<string, object?> { ["count"] = others.Count, ["fields"] = string.Join("、", others) }, others);
            }
            if (counts.Count > 0)
            {
                yield return pack.Finding("table2.counts", new Dictionary<string, object?> { ["count"] = counts.Count, ["fields"] = string.Join("、", counts) }, counts);
            }
            if (active.Contains("active.feesWanYuan"))
            {
                var f = result.Fields["active.feesWanYuan"];
                yield return pack.Finding("table2.fee", new Dictionary<string, object?> { ["printed"] = f.Evidence?.Text ?? S(f.Value) }, ["active.feesWanYuan"]);
            }
        }
        else if (id == "prose.newReceived")
        {
            var overview = result.Sections.GetValueOrDefault("overview");
            var passage = ProseCheck.StatedPassage(overview);
            yield return pack.Finding("prose.newReceived", new Dictionary<string, object?>
            {
                ["stated"] = ProseCheck.Stated(overview), ["table"] = S(V("applications.newReceived.total")),
            }, check.Fields, passage is null ? null : [passage]);
        }
        else if (pack.Find(id) is not null)
        {
            yield return pack.Finding(id, new Dictionary<string, object?>(), check.Fields);
        }
    }

    private static string CollapsedPath(string path)
    {
        var parts = path.Split('.');
        return parts.Length == 3 && parts[1] == "otherOverdueCorrection" ? $"applications.{Mapping.Rules.RowDictionary.OtherCollapsed}.{parts[2]}" : "";
    }
}
