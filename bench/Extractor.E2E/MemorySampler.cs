namespace Extractor.E2E;

/// <summary>
/// Peak memory of every process of the cluster. Server processes: the kernel's own peak resident set (VmHWM),
/// read until the process ends. PostgreSQL is many processes sharing one buffer pool, so its figure is the peak
/// of the summed proportional set size (Pss: shared pages divided among their sharers), sampled every 250 ms.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly Func<Dictionary<string, int>> _pids;
    private readonly Dictionary<string, long> _peakBytes = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public MemorySampler(Func<Dictionary<string, int>> pids)
    {
        _pids = pids;
        _loop = Task.Run(LoopAsync);
    }

    public IReadOnlyDictionary<string, long> PeakBytes
    {
        get
        {
            lock (_peakBytes)
            {
                return new Dictionary<string, long>(_peakBytes);
            }
        }
    }

    public void SampleNow()
    {
        foreach (var (name, pid) in _pids())
        {
            var bytes = name == "postgres" ? PostgresPss(pid) : ReadStatusKb(pid, "VmHWM:") * 1024;
            if (bytes <= 0)
            {
                continue;
            }
            lock (_peakBytes)
            {
                _peakBytes[name] = Math.Max(_peakBytes.GetValueOrDefault(name), bytes);
            }
        }
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                SampleNow();
                await Task.Delay(250, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (IOException)
            {
                // a process ended between listing and reading: the next sample goes on
            }
        }
    }

    private static long ReadStatusKb(int pid, string key)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    return long.Parse(line[key.Length..].Trim().Split(' ')[0]);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
        return 0;
    }

    /// <summary>The postmaster and its children (backends, checkpointer, WAL writer…): summed Pss.</summary>
    private static long PostgresPss(int postmaster)
    {
        long total = 0;
        foreach (var pid in ChildrenAndSelf(postmaster))
        {
            try
            {
                foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
                {
                    if (line.StartsWith("Pss:", StringComparison.Ordinal))
                    {
                        total += long.Parse(line[4..].Trim().Split(' ')[0]) * 1024;
                        break;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }
        return total;
    }

    private static IEnumerable<int> ChildrenAndSelf(int parent)
    {
        yield return parent;
        var children = Path.Combine("/proc", parent.ToString(System.Globalization.CultureInfo.InvariantCulture), "task", parent.ToString(System.Globalization.CultureInfo.InvariantCulture), "children");
        string text;
        try
        {
            text = File.ReadAllText(children);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            yield break;
        }
        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            yield return int.Parse(part);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
