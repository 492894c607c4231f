using Extractor.Mapping.Rules;
using Extractor.Results;

namespace Extractor.Mapping;

/// <summary>
/// 表三's identities across rows, solved together where a row's own check left several readings of
/// it open (figures run together, blanks vanished): in every column 一 + 二 = （七）总计 + 四, and
/// （七）总计 = the sum of the outcome rows. Every combination of the open rows' readings is tried (a
/// bounded search: beyond <see cref="MaxCombinations"/> nothing is decided); a figure all the
/// balancing combinations agree on is read (<see cref="Flags.SplitByArithmetic"/>), the others stay
/// for review with the alternatives. Figures are never changed to make the identities hold.
/// </summary>
internal static class TableIdentities
{
    public const long MaxCombinations = 50_000;
    private const int Columns = 7;

    private static readonly string[] Denied = ["deniedStateSecret", "deniedProhibitedByLaw", "deniedThreeSecurities", "deniedThirdPartyRights", "deniedInternalAffairs", "deniedProcessInfo", "deniedEnforcementFiles", "deniedQueryMatters"];
    private static readonly string[] Unable = ["unableNotHeld", "unableNeedsCreation", "unableStillUnclear"];
    private static readonly string[] NotProcessed = ["notProcessedPetition", "notProcessedRepeated", "notProcessedPublications", "notProcessedMassRepeated", "notProcessedConfirmation"];
    private static readonly string[] OtherRows = ["otherOverdueCorrection", "otherOverdueFee", "otherOther"];

    /// <param name="statedNewReceived">the count of new applications 一、总体情况 states, where it states one: narrows the readings of an open 本年新收 row to those with that 总计 (only where some reading has it: prose can disagree with the table)</param>
    public static void Solve(List<ApplicationsMapper.ReadRow> rows, List<string> warnings, int? statedNewReceived = null)
    {
        var open = rows.Where(r => r.Readings is not null).ToList();
        if (open.Count == 0)
        {
            return;
        }
        var narrowed = false;
        if (statedNewReceived is int stated && open.FirstOrDefault(r => r.Key == "newReceived") is { } received
            && received.Readings!.Where(r => r[Columns - 1] == stated).ToList() is { Count: > 0 } fitting && fitting.Count < received.Readings!.Count)
        {
            received.Readings = fitting;
            narrowed = true;
            warnings.Add($"表三 row '{received.View.LabelText}': only readings with the {stated} applications 一、总体情况 states are kept");
        }
        var byKey = new Dictionary<string, ApplicationsMapper.ReadRow>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            if (!byKey.TryAdd(r.Key, r))
            {
                return; // a template row read twice: the identities cannot say which is which
            }
        }
        var outcomes = new List<string> { "granted", "partiallyGranted" };
        outcomes.AddRange(Denied);
        outcomes.AddRange(Unable);
        outcomes.AddRange(NotProcessed);
        outcomes.AddRange(OtherRows.Any(byKey.ContainsKey) ? OtherRows : [RowDictionary.OtherCollapsed]);
        // Each identity: rows with their signs; used only where every row of it was read.
        var identities = new List<(ApplicationsMapper.ReadRow Row, int Sign)[]>();
        string[] balance = ["newReceived", "carriedOver", "resultsTotal", "carriedForward"];
        if (balance.All(byKey.ContainsKey))
        {
            identities.Add([(byKey["newReceived"], 1), (byKey["carriedOver"], 1), (byKey["resultsTotal"], -1), (byKey["carriedForward"], -1)]);
        }
        if (byKey.ContainsKey("resultsTotal") && outcomes.All(byKey.ContainsKey))
        {
            identities.Add([(byKey["resultsTotal"], 1), .. outcomes.Select(k => (byKey[k], -1))]);
        }
        identities.RemoveAll(identity => !identity.Any(t => t.Row.Readings is not null));
        if (identities.Count == 0 && !narrowed)
        {
            return;
        }
        long combinations = 1;
        foreach (var r in open)
        {
            combinations *= r.Readings!.Count;
            if (combinations > MaxCombinations)
            {
                warnings.Add($"表三: {open.Count} rows can each be read several ways; too many combinations to solve the table's identities, left for review");
                return;
            }
        }
        var index = new Dictionary<ApplicationsMapper.ReadRow, int>(ReferenceEqualityComparer.Instance);
        for (var k = 0; k < open.Count; k++)
        {
            index[open[k]] = k;
        }
        var choice = new int[open.Count];
        var valid = new List<int[]>();
        for (long n = 0; n < combinations; n++)
        {
            var rest = n;
            for (var k = 0; k < open.Count; k++)
            {
                choice[k] = (int)(rest % open[k].Readings!.Count);
                rest /= open[k].Readings!.Count;
            }
            if (identities.All(identity => Holds(identity, choice, index)))
            {
                valid.Add((int[])choice.Clone());
            }
        }
        if (valid.Count == 0)
        {
            warnings.Add("表三: no reading of the rows run together or with vanished blanks balances the table's identities; left for review");
            return;
        }
        for (var k = 0; k < open.Count; k++)
        {
            var row = open[k];
            var values = new List<ResolvedValue>(Columns);
            for (var c = 0; c < Columns; c++)
            {
                var old = row.Values[c];
                var options = valid.Select(v => row.Readings![v[k]][c]).Distinct().ToList();
                values.Add(options.Count == 1
                    ? new ResolvedValue(options[0], old.Cell, 0.93, [.. old.Flags.Where(f => f != Flags.SplitAmbiguous && f != Flags.SplitByArithmetic), Flags.SplitByArithmetic])
                    : old with { Value = null, CellConfidence = 0, Alternatives = options });
            }
            row.Values = values;
            var decided = values.All(v => v.Value is not null);
            warnings.Add(decided
                ? $"表三 row '{row.View.LabelText}': read by the table's identities (column balances, 办理结果总计)"
                : $"表三 row '{row.View.LabelText}': the table's identities leave {valid.Select(v => v[k]).Distinct().Count()} readings open; review");
        }
    }

    private static bool Holds((ApplicationsMapper.ReadRow Row, int Sign)[] identity, int[] choice, Dictionary<ApplicationsMapper.ReadRow, int> index)
    {
        for (var c = 0; c < Columns; c++)
        {
            decimal sum = 0;
            var known = true;
            foreach (var (row, sign) in identity)
            {
                decimal? v = index.TryGetValue(row, out var k) ? row.Readings![choice[k]][c] : row.Values[c].Value;
                if (v is null)
                {
                    known = false;
                    break;
                }
                sum += sign * v.Value;
            }
            if (known && sum != 0)
            {
                return false;
            }
        }
        return true;
    }
}
