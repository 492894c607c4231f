using System.Globalization;
using System.Text;
using System.Text.Json;
using Extractor.E2E;

// End-to-end benchmark and fault drill of the service on 127.0.0.1 (deploy/README.md):
//   dotnet run -c Release --project bench/Extractor.E2E -- [--matrix] [--store sqlite|postgres] [--workers K] [--n N]
//       [--batch B] [--queries Q] [--think-ms MS] [--port P] [--worker-count C] [--poll-ms MS] [--invisibility S] [--json FILE] [--timeout S]
//   dotnet run -c Release --project bench/Extractor.E2E -- --drill [--n 80]
//   dotnet run -c Release --project bench/Extractor.E2E -- --emit DIR [--n N]   (only write the generated reports)
// --matrix runs SQLite embedded, PostgreSQL with 1 worker and with 2 workers, and prints the table.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var a = Args.Parse(args);
var root = FindRepoRoot();
var drill = a.Flag("drill");
if (a.Str("emit", "") is { Length: > 0 } emitDir)
{
    // Writes the generated reports to a folder (to inspect them, or parse them offline with the CLI) and stops.
    Directory.CreateDirectory(emitDir);
    foreach (var d in Corpus.Generate(Corpus.LoadFixtures(root), a.Int("n", 1000), 1))
    {
        File.WriteAllBytes(Path.Combine(emitDir, d.FileName), d.Content);
    }
    return 0;
}
var baseOptions = new RunOptions
{
    Documents = a.Int("n", drill ? 80 : 1000),
    Store = a.Str("store", "postgres"),
    Workers = a.Int("workers", drill ? 2 : 1),
    BatchSize = a.Int("batch", 100),
    QueryConcurrency = a.Int("queries", 4),
    ThinkMs = a.Int("think-ms", 100),
    Port = a.Int("port", 5280),
    Timeout = TimeSpan.FromSeconds(a.Int("timeout", drill ? 420 : 1800)),
    ServerOptions = ServerEnv(a, drill),
};
if (drill)
{
    baseOptions = baseOptions with { Store = "postgres", KillWorkerAt = 0.25, DbOutageAt = 0.5, OutageSeconds = a.Int("outage", 10) };
}

var runs = a.Flag("matrix")
    ? new[]
    {
        baseOptions with { Store = "sqlite", Workers = 0 },
        baseOptions with { Store = "postgres", Workers = 1 },
        baseOptions with { Store = "postgres", Workers = 2 },
    }
    : [baseOptions];

var results = new List<RunResult>();
foreach (var o in runs)
{
    results.Add(await Run.ExecuteAsync(root, o));
}

Console.WriteLine();
Console.WriteLine(Report.Markdown(results));
if (a.Str("json", "") is { Length: > 0 } jsonPath)
{
    File.WriteAllText(jsonPath, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
}
var failed = results.Any(r => r.Failed > 0 || r.Done != r.Documents || r.Drill is { Passed: false });
if (drill)
{
    Console.WriteLine(results[0].Drill?.Passed == true ? "FAULT DRILL PASSED" : "FAULT DRILL FAILED");
}
return failed ? 1 : 0;

static Dictionary<string, string> ServerEnv(Args a, bool drill)
{
    var env = new Dictionary<string, string>();
    if (a.Int("worker-count", -1) is var c and >= 0)
    {
        env["Extractor__Worker__Count"] = c.ToString(CultureInfo.InvariantCulture);
    }
    if (a.Int("poll-ms", -1) is var p and > 0)
    {
        env["Extractor__Worker__QueuePollIntervalMs"] = p.ToString(CultureInfo.InvariantCulture);
    }
    // The drill's killed worker gives its fetched jobs back after the invisibility timeout: short, so CI is quick
    // (on PostgreSQL the timeout slides while a live worker runs a job, so no live job is handed out twice).
    if (a.Int("invisibility", drill ? 30 : -1) is var s and > 0)
    {
        env["Extractor__Worker__InvisibilityTimeoutSeconds"] = s.ToString(CultureInfo.InvariantCulture);
    }
    return env;
}

static string FindRepoRoot()
{
    for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
    {
        if (File.Exists(Path.Combine(d.FullName, "Extractor.sln")))
        {
            return d.FullName;
        }
    }
    throw new InvalidOperationException("run from inside the repository (Extractor.sln not found above the working directory)");
}

internal sealed class Args
{
    private readonly Dictionary<string, string> _values = [];

    public static Args Parse(string[] args)
    {
        var a = new Args();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument {args[i]}");
            }
            var key = args[i][2..];
            a._values[key] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }
        return a;
    }

    public bool Flag(string key) => _values.ContainsKey(key);
    public int Int(string key, int fallback) => _values.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
    public string Str(string key, string fallback) => _values.GetValueOrDefault(key, fallback);
}

internal static class Report
{
    public static string Markdown(IReadOnlyList<RunResult> results)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Machine: {Environment.ProcessorCount} cores, {Os()}; load average at the end: {results[^1].LoadAverage}");
        sb.AppendLine();
        sb.AppendLine("| configuration | documents | docs/s | result p50 / p99 (ms) | figures p50 / p99 (ms) | summary p50 / p99 (ms) | queries (errors) | peak memory per process (MiB) |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            var mem = string.Join(", ", r.PeakBytes.OrderBy(k => Order(k.Key)).Select(k => $"{k.Key} {k.Value / 1048576.0:F0}"));
            var queries = r.Result.Count + r.Figures.Count + r.Summary.Count;
            var errors = r.Result.Errors + r.Figures.Errors + r.Summary.Errors;
            sb.AppendLine($"| {r.Options.Label} | {r.Done}/{r.Documents} done | {r.DocsPerSecond:F1} | {r.Result.P50:F0} / {r.Result.P99:F0} | {r.Figures.P50:F0} / {r.Figures.P99:F0} | {r.Summary.P50:F0} / {r.Summary.P99:F0} | {queries} ({errors}) | {mem}; harness {r.HarnessPeakBytes / 1048576.0:F0} |");
        }
        sb.AppendLine();
        sb.AppendLine("/health latency while extracting, p50 / p99 / max (ms):");
        foreach (var r in results)
        {
            sb.AppendLine($"- {r.Options.Label}: " + string.Join("; ", r.Health.OrderBy(h => Order(h.Key)).Select(h => $"{h.Key} {h.Value.P50:F0} / {h.Value.P99:F0} / {h.Value.Max:F0} ({h.Value.Errors} errors of {h.Value.Count})"))
                + (r.MaxHeartbeatAgeSeconds.Count > 0 ? "; oldest own Hangfire heartbeat seen: " + string.Join(", ", r.MaxHeartbeatAgeSeconds.OrderBy(h => h.Key).Select(h => $"{h.Key} {h.Value} s")) : ""));
            foreach (var line in r.ExtractionTimes)
            {
                sb.AppendLine($"  - {line}");
            }
        }
        return sb.ToString();
    }

    private static string Order(string name) => name switch { "api" or "server" => "0", "postgres" => "9", _ => "5" + name };

    private static string Os() => File.Exists("/etc/os-release")
        ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?[12..].Trim('"') ?? "Linux"
        : Environment.OSVersion.ToString();
}
