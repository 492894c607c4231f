using System.Diagnostics;

namespace Extractor.E2E;

/// <summary>
/// The cluster under test, started and stopped by deploy/local-cluster.sh (the same script CI and people use),
/// in a state folder of its own. Only the pids that script recorded are ever read or signalled.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private readonly string _script;
    private readonly Dictionary<string, string> _env;
    private bool _up;

    public Cluster(string repoRoot, string store, int workers, int port, IReadOnlyDictionary<string, string> serverOptions)
    {
        RepoRoot = repoRoot;
        Store = store;
        Workers = workers;
        Port = port;
        StateDir = Path.Combine(Path.GetTempPath(), $"extractor-e2e-{Environment.ProcessId}-{port}");
        _script = Path.Combine(repoRoot, "deploy", "local-cluster.sh");
        _env = new Dictionary<string, string>(serverOptions) { ["CLUSTER_STATE"] = StateDir };
    }

    public string RepoRoot { get; }
    public string Store { get; }
    public int Workers { get; }
    public int Port { get; }
    public string StateDir { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public string? ConnectionString =>
        File.Exists(Path.Combine(StateDir, "connection-string")) ? File.ReadAllText(Path.Combine(StateDir, "connection-string")).Trim() : null;

    /// <summary>Process name → pid, as recorded by local-cluster.sh (api, worker-1…, server, postgres).</summary>
    public Dictionary<string, int> Pids()
    {
        var dir = Path.Combine(StateDir, "pids");
        return Directory.Exists(dir)
            ? Directory.GetFiles(dir).ToDictionary(f => Path.GetFileName(f), f => int.Parse(File.ReadAllText(f).Trim()))
            : [];
    }

    public async Task UpAsync()
    {
        _up = true;
        var args = Store == "sqlite" ? $"up --store sqlite --port {Port}" : $"up --store postgres --workers {Workers} --port {Port}";
        await RunAsync(args, TimeSpan.FromMinutes(5));
    }

    public Task KillWorkerAsync(int i) => RunAsync($"kill-worker {i}", TimeSpan.FromSeconds(30));
    public Task DbStopAsync() => RunAsync("db-stop", TimeSpan.FromSeconds(60));
    public Task DbStartAsync() => RunAsync("db-start", TimeSpan.FromSeconds(90));

    public async ValueTask DisposeAsync()
    {
        if (_up)
        {
            _up = false;
            await RunAsync("down", TimeSpan.FromMinutes(2));
        }
    }

    private async Task RunAsync(string args, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoRoot };
        psi.ArgumentList.Add(_script);
        foreach (var a in args.Split(' '))
        {
            psi.ArgumentList.Add(a);
        }
        foreach (var (k, v) in _env)
        {
            psi.Environment[k] = v;
        }
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start local-cluster.sh");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true); // the script itself, which this harness started
            throw new TimeoutException($"local-cluster.sh {args} did not finish in {timeout}");
        }
        var err = await stderr;
        _ = await stdout;
        foreach (var line in err.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Console.Error.WriteLine($"  {line}");
        }
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"local-cluster.sh {args} exited {p.ExitCode}");
        }
    }
}
