using Extractor.Mapping.Rules;
using Extractor.Results;
using Extractor.Schema;

namespace Extractor.Validation;

/// <summary>
/// The template's own arithmetic (勾稽关系) and the report's prose, checked on the figures as
/// printed. Each check names its fields; a failed check makes them review. Nothing is "fixed".
/// A check with a field that could not be read is not evaluated.
/// </summary>
public static class Validator
{
    private static readonly string[] ApplicantKeys = Template.ApplicantColumns.Select(c => c.Key).ToArray();

    public static List<CheckResult> Validate(ExtractionResult result) =>
        Validate(result.Fields, result.Extra, result.Sections.GetValueOrDefault("overview"));

    public static List<CheckResult> Validate(IReadOnlyDictionary<string, FieldResult> fields, IReadOnlyDictionary<string, decimal?>? extra = null, string? overview = null)
    {
        var checks = new List<CheckResult>();
        decimal? V(string path) => fields.TryGetValue(path, out var f) ? f.Value : null;
        void Equation(string id, string left, IReadOnlyList<string> right, string rule, IReadOnlyDictionary<string, decimal?>? substitutes = null)
        {
            var all = right.Prepend(left).ToList();
            decimal? Value(string p) => V(p) ?? substitutes?.GetValueOrDefault(p);
            if (all.Any(p => Value(p) is null))
            {
                return;
            }
            var sum = right.Sum(p => Value(p)!.Value);
            var passed = Value(left) == sum;
            checks.Add(new CheckResult
            {
                Id = id,
                Passed = passed,
                Fields = all,
                Message = passed ? rule : $"{rule}: printed {Value(left)} but the parts add up to {sum}",
            });
        }

        foreach (var col in ApplicantKeys)
        {
            Balance(checks, V, col);
            var outcomes = Template.ApplicationRows.Where(r => r.IsOutcome).Select(r => Template.ApplicationPath(r.Key, col)).ToList();
            var collapsed = extra?.GetValueOrDefault($"applications.{RowDictionary.OtherCollapsed}.{col}");
            IReadOnlyDictionary<string, decimal?>? substitutes = null;
            var subRows = new[] { "otherOverdueCorrection", "otherOverdueFee", "otherOther" }.Select(r => Template.ApplicationPath(r, col)).ToList();
            if (collapsed is not null && subRows.Any(p => V(p) is null))
            {
                // （六）其他处理 printed as one row: its printed figure stands for the three sub-rows.
                substitutes = new Dictionary<string, decimal?>
                {
                    [subRows[0]] = collapsed,
                    [subRows[1]] = 0,
                    [subRows[2]] = 0,
                };
            }
            Equation($"applications.resultsTotal.{col}", Template.ApplicationPath("resultsTotal", col), outcomes,
                "（七）总计 equals the sum of the outcome rows (一) to (六)", substitutes);
        }
        foreach (var row in Template.ApplicationRows)
        {
            Equation($"applications.rowTotal.{row.Key}", Template.ApplicationPath(row.Key, "total"),
                ApplicantKeys[..6].Select(c => Template.ApplicationPath(row.Key, c)).ToList(),
                "总计 equals the sum of the six applicant columns");
        }
        foreach (var group in Template.ReviewGroups)
        {
            Equation($"reviewLitigation.total.{group.Key}", Template.ReviewPath(group.Key, "total"),
                new[] { "upheld", "corrected", "other", "pending" }.Select(o => Template.ReviewPath(group.Key, o)).ToList(),
                $"{group.Label} 总计 equals 结果维持 + 结果纠正 + 其他结果 + 尚未审结");
        }
        NonNegativeIntegers(checks, fields);
        ProseCheck.Add(checks, overview, V("applications.newReceived.total"));
        return checks;
    }

    /// <summary>Per column: 第一项加第二项之和，等于第三项加第四项之和 (the template's corner note).</summary>
    private static void Balance(List<CheckResult> checks, Func<string, decimal?> v, string col)
    {
        var paths = new[] { "newReceived", "carriedOver", "resultsTotal", "carriedForward" }.Select(r => Template.ApplicationPath(r, col)).ToList();
        if (paths.Any(p => v(p) is null))
        {
            return;
        }
        var left = v(paths[0])!.Value + v(paths[1])!.Value;
        var right = v(paths[2])!.Value + v(paths[3])!.Value;
        checks.Add(new CheckResult
        {
            Id = $"applications.balance.{col}",
            Passed = left == right,
            Fields = paths,
            Message = left == right
                ? "本年新收 + 上年结转 equals 办理结果总计 + 结转下年度"
                : $"本年新收 + 上年结转 = {left} but 办理结果总计 + 结转下年度 = {right}",
        });
    }

    private static void NonNegativeIntegers(List<CheckResult> checks, IReadOnlyDictionary<string, FieldResult> fields)
    {
        var bad = Template.Fields
            .Where(f => fields.TryGetValue(f.Path, out var r) && r.Value is decimal v && (v < 0 || (f.IsCount && v != decimal.Truncate(v))))
            .Select(f => f.Path)
            .ToList();
        checks.Add(new CheckResult
        {
            Id = "values.nonNegativeIntegers",
            Passed = bad.Count == 0,
            Fields = bad,
            Message = bad.Count == 0 ? "counts are non-negative integers" : $"{bad.Count} figure(s) negative or not whole: {string.Join(", ", bad)}",
        });
    }
}
