using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Extractor.Results;

namespace Extractor.Server.Isolation;

/// <summary>How one isolated extraction ended.</summary>
public enum IsolatedEnd { Finished, Died, OverTime, OverMemory }

/// <summary>The outcome of one document in a worker: its result, or how the worker ended without one (detail for the log only).</summary>
public sealed record IsolatedOutcome(IsolatedEnd End, ExtractionResult? Result, DocumentBudget Budget, string Detail, TimeSpan Elapsed);

/// <summary>
/// A pool of long-lived extraction worker processes (<see cref="ExtractionWorker"/>), each under an address-space,
/// CPU-time and managed-heap limit. A document is handed to an idle worker (a new one is started when none is
/// idle); the worker is watched against the document's deadline and memory budget and killed when over either.
/// A worker that dies is not reused; the next document gets a fresh one. Start-up (runtime and model load, about
/// a second) is paid once per worker, not per document.
/// </summary>
public sealed class ExtractorPool(IsolationOptions options, ExtractorOptions extractorOptions, ILogger<ExtractorPool> logger) : IDisposable
{
    private readonly ConcurrentBag<WorkerProcess> _idle = [];
    private readonly ConcurrentDictionary<int, WorkerProcess> _all = new();
    private int _started;
    private bool _disposed;

    /// <summary>Workers started since the server started (a replaced worker counts again).</summary>
    public int Started => _started;

    public async Task<IsolatedOutcome> ExtractAsync(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        var budget = options.BudgetFor(content, fileName);
        var worker = await RentAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        var keep = false;
        try
        {
            var (end, detail) = await worker.RunAsync(content, fileName, budget, cancellationToken);
            ExtractionResult? result = null;
            if (end == IsolatedEnd.Finished)
            {
                result = ResultJson.Deserialize(await File.ReadAllTextAsync(worker.OutputPath, cancellationToken));
                keep = ++worker.Served < options.DocumentsPerWorker;
            }
            return new IsolatedOutcome(end, result, budget, detail, clock.Elapsed);
        }
        finally
        {
            worker.Clean();
            if (keep && !_disposed)
            {
                _idle.Add(worker);
            }
            else
            {
                Retire(worker);
            }
        }
    }

    private async Task<WorkerProcess> RentAsync(CancellationToken ct)
    {
        while (_idle.TryTake(out var w))
        {
            if (w.Alive)
            {
                return w;
            }
            Retire(w);
        }
        var worker = WorkerProcess.Start(options, extractorOptions, logger);
        _all[worker.Id] = worker;
        Interlocked.Increment(ref _started);
        try
        {
            await worker.WaitReadyAsync(TimeSpan.FromSeconds(options.StartSeconds), ct);
        }
        catch
        {
            Retire(worker);
            throw;
        }
        return worker;
    }

    private void Retire(WorkerProcess worker)
    {
        _all.TryRemove(worker.Id, out _);
        worker.Dispose();
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var w in _all.Values)
        {
            w.Dispose();
        }
        _all.Clear();
    }
}

/// <summary>One worker process and its pipes.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly Queue<string> _stderrTail = new();
    private readonly ILogger _logger;
    private readonly string _folder;
    private int _request;

    private WorkerProcess(Process process, string folder, ILogger logger)
    {
        _process = process;
        _folder = folder;
        _logger = logger;
    }

    public int Id => _process.Id;
    public int Served { get; set; }
    public bool Alive => !_process.HasExited;
    public string InputPath => Path.Combine(_folder, $"in-{_request}");
    public string OutputPath => Path.Combine(_folder, $"out-{_request}.json");

    public static WorkerProcess Start(IsolationOptions options, ExtractorOptions extractorOptions, ILogger logger)
    {
        var folder = Directory.CreateTempSubdirectory("extractor-worker-").FullName;
        var info = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = folder,
        };
        var (host, hostArgs) = WorkerCommand();
        var workerArgs = new List<string>(hostArgs) { ExtractionWorker.Argument, "--max-bytes", extractorOptions.MaxBytes.ToString(CultureInfo.InvariantCulture) };
        if (extractorOptions.OkThreshold is { } t)
        {
            workerArgs.AddRange(["--threshold", t.ToString(CultureInfo.InvariantCulture)]);
        }
        var limits = new List<string>();
        if (options.AddressSpaceMb > 0)
        {
            limits.Add($"ulimit -v {options.AddressSpaceMb * 1024L}");
        }
        if (options.CpuSecondsPerWorker > 0)
        {
            limits.Add($"ulimit -t {options.CpuSecondsPerWorker}");
        }
        if (limits.Count > 0 && File.Exists("/bin/sh"))
        {
            // The limits apply to the worker and whatever it starts (tesseract, pdftoppm, LibreOffice).
            info.FileName = "/bin/sh";
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(string.Join("; ", limits) + "; exec \"$0\" \"$@\"");
            info.ArgumentList.Add(host);
        }
        else
        {
            info.FileName = host;
        }
        foreach (var a in workerArgs)
        {
            info.ArgumentList.Add(a);
        }
        info.Environment["DOTNET_GCHeapHardLimit"] = "0x" + (options.HeapLimitMb * 1024L * 1024L).ToString("X", CultureInfo.InvariantCulture);
        info.Environment["DOTNET_gcServer"] = "0";
        foreach (var (k, v) in options.WorkerEnvironment)
        {
            info.Environment[k] = v;
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("the extraction worker could not be started");
        var worker = new WorkerProcess(process, folder, logger);
        _ = Task.Run(worker.PumpStdoutAsync);
        _ = Task.Run(worker.PumpStderrAsync);
        logger.LogInformation("Extraction worker {Pid} started", process.Id);
        return worker;
    }

    /// <summary>The worker is this server's own program with <see cref="ExtractionWorker.Argument"/>.</summary>
    private static (string Host, string[] Args) WorkerCommand()
    {
        var dll = typeof(ExtractionWorker).Assembly.Location;
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == Path.GetFileNameWithoutExtension(dll))
        {
            return (self, []); // the published apphost
        }
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(dotnet) || !File.Exists(dotnet))
        {
            dotnet = self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
        }
        return (dotnet, ["exec", dll]);
    }

    private async Task PumpStdoutAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                await _lines.Writer.WriteAsync(line);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
        _lines.Writer.TryComplete();
    }

    private async Task PumpStderrAsync()
    {
        try
        {
            while (await _process.StandardError.ReadLineAsync() is { } line)
            {
                lock (_stderrTail)
                {
                    _stderrTail.Enqueue(line.Length > 500 ? line[..500] : line);
                    if (_stderrTail.Count > 20)
                    {
                        _stderrTail.Dequeue();
                    }
                }
                _logger.LogInformation("worker {Pid}: {Line}", Id, line);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    public async Task WaitReadyAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            while (await _lines.Reader.WaitToReadAsync(cts.Token))
            {
                if (_lines.Reader.TryRead(out var line) && line == ExtractionWorker.Ready)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"the extraction worker did not start within {timeout.TotalSeconds:0} s");
        }
        throw new InvalidOperationException($"the extraction worker stopped while starting: {Tail()}");
    }

    /// <summary>Runs one document; kills the worker when it passes the deadline or the memory budget.</summary>
    public async Task<(IsolatedEnd End, string Detail)> RunAsync(byte[] content, string fileName, DocumentBudget budget, CancellationToken ct)
    {
        _request++;
        await File.WriteAllBytesAsync(InputPath, content, ct);
        var line = JsonSerializer.Serialize(new WorkerRequest(InputPath, fileName, OutputPath));
        try
        {
            await _process.StandardInput.WriteLineAsync(line);
            await _process.StandardInput.FlushAsync(ct);
        }
        catch (IOException)
        {
            return (IsolatedEnd.Died, Ended());
        }
        var clock = Stopwatch.StartNew();
        long peak = 0;
        Task<bool>? wait = null;
        while (true)
        {
            var left = budget.Deadline - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                Kill();
                return (IsolatedEnd.OverTime, $"over the deadline of {budget.Deadline.TotalSeconds:0} s; peak {peak / (1024 * 1024)} MB");
            }
            wait ??= _lines.Reader.WaitToReadAsync(ct).AsTask();
            await Task.WhenAny(wait, Task.Delay(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200), ct));
            ct.ThrowIfCancellationRequested();
            if (wait.IsCompleted)
            {
                var more = await wait;
                wait = null;
                if (!more)
                {
                    return (IsolatedEnd.Died, Ended());
                }
                while (_lines.Reader.TryRead(out var answer))
                {
                    if (answer == ExtractionWorker.Done)
                    {
                        return (IsolatedEnd.Finished, $"peak {peak / (1024 * 1024)} MB");
                    }
                }
            }
            var rss = ResidentBytes();
            peak = Math.Max(peak, rss);
            if (rss > budget.MemoryMb * 1024L * 1024L)
            {
                Kill();
                return (IsolatedEnd.OverMemory, $"held {rss / (1024 * 1024)} MB, over the budget of {budget.MemoryMb} MB");
            }
        }
    }

    private long ResidentBytes()
    {
        try
        {
            _process.Refresh();
            return _process.HasExited ? 0 : _process.WorkingSet64;
        }
        catch (InvalidOperationException)
        {
            return 0;
        }
    }

    private string Ended()
    {
        try
        {
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
        var code = _process.HasExited ? _process.ExitCode.ToString(CultureInfo.InvariantCulture) : "unknown";
        return $"worker {Id} ended with exit code {code}; its last output: {Tail()}";
    }

    private string Tail()
    {
        lock (_stderrTail)
        {
            return string.Join(" | ", _stderrTail);
        }
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
    }

    /// <summary>Removes this request's files.</summary>
    public void Clean()
    {
        TryDelete(InputPath);
        TryDelete(OutputPath);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                if (!_process.WaitForExit(2000))
                {
                    Kill();
                }
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
