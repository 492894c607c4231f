using System.Globalization;
using Extractor.Results;
using Extractor.Schema;

namespace Extractor.Validation;

/// <summary>
/// When a check of the template fails and exactly one misprint explains it, the values that would
/// balance it are proposed (flag <c>suggested</c>, evidence.suggestedValue). A misprint is one cell
/// with a digit dropped, doubled or extra, one digit changed or two adjacent digits swapped; or one
/// figure split over two neighbouring cells of a row (「21」 printed as 「2」「1」, the second cell
/// really blank). A repair explains a failure only if, with it, every arithmetic check touching its
/// cells balances. The printed values are kept: the truth is what the document prints; an auditor
/// decides.
/// </summary>
public static class RepairHints
{
    public static void Apply(ExtractionResult result)
    {
        var suggestions = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var check in result.Checks.Where(c => !c.Passed && Sides(c) is not null))
        {
            if (check.Fields.Any(p => Value(result, p) is null))
            {
                continue;
            }
            var explaining = Candidates(result, check)
                .Where(r => Explains(result, r))
                .DistinctBy(Key)
                .ToList();
            if (explaining.Count == 1)
            {
                foreach (var (path, value) in explaining[0])
                {
                    suggestions[path] = value;
                }
            }
        }
        foreach (var (path, value) in suggestions)
        {
            var field = result.Fields[path];
            field.AddFlag(Flags.Suggested);
            field.Evidence ??= new Evidence();
            field.Evidence.SuggestedValue = value;
        }
    }

    /// <summary>Repairs worth trying for a failed check: one cell misprinted, or a figure split into two neighbouring cells.</summary>
    private static IEnumerable<IReadOnlyList<(string Path, decimal Value)>> Candidates(ExtractionResult result, CheckResult check)
    {
        var sides = Sides(check)!.Value;
        var values = check.Fields.Select(p => Value(result, p)!.Value).ToList();
        for (var k = 0; k < check.Fields.Count; k++)
        {
            var balancing = Balancing(values, sides, k);
            if (balancing >= 0 && balancing == decimal.Truncate(balancing) && IsMisprint(values[k], balancing))
            {
                yield return [(check.Fields[k], balancing)];
            }
        }
        foreach (var path in check.Fields)
        {
            foreach (var (left, right) in new[] { (LeftNeighbour(path), path), (path, RightNeighbour(path)) })
            {
                if (left is null || right is null || Value(result, left) is not { } a || Value(result, right) is not { } b
                    || a <= 0 || b <= 0 || a != decimal.Truncate(a) || b != decimal.Truncate(b))
                {
                    continue;
                }
                var joined = decimal.Parse(Digits(a) + Digits(b), CultureInfo.InvariantCulture);
                yield return [(left, joined), (right, 0)];
                yield return [(left, 0), (right, joined)];
            }
        }
    }

    /// <summary>Does every check with arithmetic that touches the repaired cells balance once they are repaired?</summary>
    private static bool Explains(ExtractionResult result, IReadOnlyList<(string Path, decimal Value)> repair)
    {
        var repaired = repair.ToDictionary(r => r.Path, r => r.Value, StringComparer.Ordinal);
        foreach (var check in result.Checks.Where(c => c.Fields.Any(repaired.ContainsKey)))
        {
            if (Sides(check) is not { } sides)
            {
                continue;
            }
            var values = check.Fields.Select(p => repaired.TryGetValue(p, out var v) ? v : Value(result, p)).ToList();
            if (values.Any(v => v is null))
            {
                return false;
            }
            var list = values.Select(v => v!.Value).ToList();
            if (list.Take(sides).Sum() != list.Skip(sides).Sum())
            {
                return false;
            }
        }
        return true;
    }

    private static string Key(IReadOnlyList<(string Path, decimal Value)> repair) =>
        string.Join(";", repair.Select(r => r.Path + "=" + Digits(r.Value)));

    private static decimal? Value(ExtractionResult result, string path) =>
        result.Fields.TryGetValue(path, out var f) ? f.Value : null;

    private static string Digits(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>How many of a check's fields are on its left side (the rest are on the right), by check kind.</summary>
    private static int? Sides(CheckResult check) => check.Id switch
    {
        _ when check.Id.StartsWith("applications.balance.", StringComparison.Ordinal) => 2,
        _ when check.Id.StartsWith("applications.resultsTotal.", StringComparison.Ordinal) => 1,
        _ when check.Id.StartsWith("applications.rowTotal.", StringComparison.Ordinal) => 1,
        _ when check.Id.StartsWith("reviewLitigation.total.", StringComparison.Ordinal) => 1,
        _ => null,
    };

    /// <summary>Cells of a printed row, left to right: 表三's applicant columns, 表四's fifteen cells.</summary>
    private static readonly IReadOnlyList<IReadOnlyList<string>> PrintedRows =
    [
        .. Template.ApplicationRows.Select(r => Template.ApplicantColumns.Select(c => Template.ApplicationPath(r.Key, c.Key)).ToList()),
        Template.ReviewGroups.SelectMany(g => Template.ReviewOutcomes.Select(o => Template.ReviewPath(g.Key, o.Key))).ToList(),
    ];

    private static readonly Dictionary<string, (string? Left, string? Right)> Neighbours = PrintedRows
        .SelectMany(row => row.Select((path, i) => (path, left: i > 0 ? row[i - 1] : null, right: i + 1 < row.Count ? row[i + 1] : null)))
        .ToDictionary(x => x.path, x => (x.left, x.right), StringComparer.Ordinal);

    private static string? LeftNeighbour(string path) => Neighbours.GetValueOrDefault(path).Left;

    private static string? RightNeighbour(string path) => Neighbours.GetValueOrDefault(path).Right;

    /// <summary>The value field k would need for left side = right side, the others as printed.</summary>
    private static decimal Balancing(List<decimal> values, int leftCount, int k)
    {
        var left = values.Take(leftCount).Sum();
        var right = values.Skip(leftCount).Sum();
        return k < leftCount ? right - (left - values[k]) : left - (right - values[k]);
    }

    /// <summary>Could <paramref name="printed"/> be <paramref name="intended"/> misprinted by one digit?</summary>
    public static bool IsMisprint(decimal printed, decimal intended)
    {
        if (printed == intended)
        {
            return false;
        }
        var p = Digits(printed);
        var t = Digits(intended);
        if (p.Length == t.Length + 1)
        {
            return DropsOne(p, t);
        }
        if (t.Length == p.Length + 1)
        {
            return DropsOne(t, p);
        }
        if (p.Length != t.Length)
        {
            return false;
        }
        var diff = Enumerable.Range(0, p.Length).Where(i => p[i] != t[i]).ToList();
        return diff.Count == 1 || (diff.Count == 2 && diff[1] == diff[0] + 1 && p[diff[0]] == t[diff[1]] && p[diff[1]] == t[diff[0]]);
    }

    private static bool DropsOne(string longer, string shorter) =>
        Enumerable.Range(0, longer.Length).Any(i => longer.Remove(i, 1) == shorter);
}
