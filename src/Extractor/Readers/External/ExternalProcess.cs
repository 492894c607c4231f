using System.Diagnostics;
using Polly;
using Polly.Timeout;

namespace Extractor.Readers.External;

/// <summary>What an external program returned.</summary>
public sealed record ProcessOutput(int ExitCode, byte[] StandardOutput, string StandardError);

/// <summary>
/// Runs a helper program (soffice, pdftoppm, tesseract) so that it can never hang or swamp a worker:
/// a Polly timeout cancels the wait and the whole process tree is killed; at most
/// <see cref="MaxConcurrent"/> helpers run at once per process; output beyond a cap is refused.
/// </summary>
public static class ExternalProcess
{
    /// <summary>Helpers are CPU-bound (OCR, rendering): more of them than cores only thrashes.</summary>
    public static int MaxConcurrent { get; } = Math.Max(1, Environment.ProcessorCount);

    private const long MaxOutputBytes = 256L * 1024 * 1024;
    private static readonly SemaphoreSlim Slots = new(MaxConcurrent, MaxConcurrent);

    /// <summary>The full path of a program on PATH, or null when it is not installed.</summary>
    public static string? Find(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="arguments"/>; throws <see cref="TimeoutRejectedException"/>
    /// after <paramref name="timeout"/> (the process tree is killed first) and
    /// <see cref="OperationCanceledException"/> when the caller cancels.
    /// </summary>
    public static ProcessOutput Run(string program, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null, CancellationToken cancellationToken = default)
    {
        var pipeline = new ResiliencePipelineBuilder().AddTimeout(timeout).Build();
        Slots.Wait(cancellationToken);
        try
        {
            return pipeline.Execute(token => RunOnce(program, arguments, environment, workingDirectory, token), cancellationToken);
        }
        finally
        {
            Slots.Release();
        }
    }

    private static ProcessOutput RunOnce(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, string? workingDirectory, CancellationToken token)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        process.StandardInput.Close();
        try
        {
            // Both streams are drained concurrently: a full stderr pipe would otherwise block the child.
            var stdout = ReadCapped(process.StandardOutput.BaseStream, token);
            var stderr = process.StandardError.ReadToEndAsync(token);
            process.WaitForExitAsync(token).GetAwaiter().GetResult();
            return new ProcessOutput(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            Kill(process);
            throw;
        }
    }

    private static async Task<byte[]> ReadCapped(Stream stream, CancellationToken token)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, token).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxOutputBytes)
            {
                throw new IOException($"output over {MaxOutputBytes / (1024 * 1024)} MB");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone: nothing to kill.
        }
    }
}
