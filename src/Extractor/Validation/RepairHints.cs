using System.Globalization;
using Extractor.Results;

namespace Extractor.Validation;

/// <summary>
/// When a check of the template fails and exactly one of its cells explains it by a plausible
/// misprint — a digit dropped, doubled or extra, one digit changed, two adjacent digits swapped — the
/// value that balances the check is proposed (flag <c>suggested</c>, evidence.suggestedValue). The
/// printed value is kept: the truth is what the document prints; an auditor decides.
/// </summary>
public static class RepairHints
{
    public static void Apply(ExtractionResult result)
    {
        foreach (var check in result.Checks.Where(c => !c.Passed))
        {
            if (Sides(check) is not { } sides)
            {
                continue;
            }
            var values = check.Fields.Select(p => result.Fields.TryGetValue(p, out var f) ? f.Value : null).ToList();
            if (values.Any(v => v is null))
            {
                continue;
            }
            var candidates = new List<(string Path, decimal Value)>();
            for (var k = 0; k < check.Fields.Count; k++)
            {
                var balancing = Balancing(values.Select(v => v!.Value).ToList(), sides, k);
                if (balancing >= 0 && balancing == decimal.Truncate(balancing) && IsMisprint(values[k]!.Value, balancing)
                    && !BreaksPassingCheck(result, check.Fields[k], balancing))
                {
                    candidates.Add((check.Fields[k], balancing));
                }
            }
            if (candidates.Count == 1)
            {
                var (path, value) = candidates[0];
                var field = result.Fields[path];
                field.AddFlag(Flags.Suggested);
                field.Evidence ??= new Evidence();
                field.Evidence.SuggestedValue = value;
            }
        }
    }

    /// <summary>How many of a check's fields are on its left side (the rest are on the right), by check kind.</summary>
    private static int? Sides(CheckResult check) => check.Id switch
    {
        _ when check.Id.StartsWith("applications.balance.", StringComparison.Ordinal) => 2,
        _ when check.Id.StartsWith("applications.resultsTotal.", StringComparison.Ordinal) => 1,
        _ when check.Id.StartsWith("applications.rowTotal.", StringComparison.Ordinal) => 1,
        _ when check.Id.StartsWith("reviewLitigation.total.", StringComparison.Ordinal) => 1,
        _ => null,
    };

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
        var p = printed.ToString(CultureInfo.InvariantCulture);
        var t = intended.ToString(CultureInfo.InvariantCulture);
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

    /// <summary>A suggestion that would make another, passing check fail explains nothing.</summary>
    private static bool BreaksPassingCheck(ExtractionResult result, string path, decimal value)
    {
        foreach (var other in result.Checks.Where(c => c.Passed && c.Fields.Contains(path)))
        {
            if (Sides(other) is not { } sides)
            {
                continue;
            }
            var values = other.Fields.Select(p => p == path ? value : result.Fields.TryGetValue(p, out var f) ? f.Value : null).ToList();
            if (values.Any(v => v is null))
            {
                continue;
            }
            var list = values.Select(v => v!.Value).ToList();
            if (list.Take(sides).Sum() != list.Skip(sides).Sum())
            {
                return true;
            }
        }
        return false;
    }
}
