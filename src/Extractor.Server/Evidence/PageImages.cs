using System.Collections.Concurrent;
using System.Globalization;
using Extractor.Readers.External;
using Extractor.Server.Hosting;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Extractor.Server.Evidence;

/// <summary>
/// Renders PDF pages with poppler's <c>pdftoppm</c> (through the engine's <see cref="ExternalProcess"/>: time limit,
/// process-tree kill, bounded concurrency) and keeps each render on disk under the data directory, keyed by the
/// document's SHA-256, the page and the resolution, so a page is rendered once whoever asks.
/// </summary>
public sealed class PageImages(IOptions<ServerOptions> options, ILogger<PageImages> log)
{
    /// <summary>Resolutions a client may ask for; the default suits a screen.</summary>
    public const int DefaultDpi = 100, MinDpi = 36, MaxDpi = 300;

    public static TimeSpan RenderTimeout { get; set; } = TimeSpan.FromSeconds(60);

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new(StringComparer.Ordinal);

    /// <summary>The folder of the cached renders.</summary>
    public string CacheDirectory => Path.GetFullPath(Path.Combine(options.Value.DataDirectory, "page-cache"));

    /// <summary>True when pdftoppm is on PATH.</summary>
    public static bool IsAvailable => ExternalProcess.Find("pdftoppm") is not null;

    /// <summary>
    /// Page <paramref name="page"/> (1-based) of the PDF <paramref name="pdf"/> at <paramref name="dpi"/>, from the cache
    /// or rendered now. Throws <see cref="EvidenceException"/> 503 without pdftoppm, 422 when it cannot render the page.
    /// </summary>
    public async Task<RgbImage> RenderAsync(string sha256, Func<CancellationToken, Task<byte[]>> pdf, int page, int dpi, CancellationToken cancellationToken)
    {
        var key = $"{sha256}-p{page.ToString(CultureInfo.InvariantCulture)}-r{dpi.ToString(CultureInfo.InvariantCulture)}";
        var file = Path.Combine(CacheDirectory, key + ".ppm");
        if (TryLoad(file) is { } cached)
        {
            return cached;
        }
        var gate = Locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (TryLoad(file) is { } again)
            {
                return again;
            }
            var exe = ExternalProcess.Find("pdftoppm")
                ?? throw new EvidenceException(503, "服务器未安装 pdftoppm（poppler-utils），无法渲染页面图像 (pdftoppm is not installed)");
            var bytes = await pdf(cancellationToken);
            using var temp = new TempFolder("extractor-page-");
            var input = temp.File("document.pdf");
            await File.WriteAllBytesAsync(input, bytes, cancellationToken);
            var p = page.ToString(CultureInfo.InvariantCulture);
            ProcessOutput output;
            try
            {
                output = await Task.Run(() => ExternalProcess.Run(exe, ["-r", dpi.ToString(CultureInfo.InvariantCulture), "-f", p, "-l", p, input], RenderTimeout, cancellationToken: cancellationToken), cancellationToken);
            }
            catch (TimeoutRejectedException)
            {
                throw new EvidenceException(422, $"渲染第 {page} 页超时（{RenderTimeout.TotalSeconds:0} 秒）");
            }
            if (output.ExitCode != 0 || output.StandardOutput.Length == 0)
            {
                log.LogWarning("pdftoppm failed on page {Page} of {Sha}: exit {Code}: {Error}", page, sha256, output.ExitCode, output.StandardError.Trim());
                throw new EvidenceException(422, $"无法渲染第 {page} 页（pdftoppm 退出码 {output.ExitCode}）");
            }
            RgbImage image;
            try
            {
                image = RgbImage.FromPnm(output.StandardOutput);
            }
            catch (InvalidDataException ex)
            {
                throw new EvidenceException(422, $"无法渲染第 {page} 页：{ex.Message}");
            }
            Store(file, output.StandardOutput);
            return image;
        }
        finally
        {
            gate.Release();
        }
    }

    private RgbImage? TryLoad(string file)
    {
        try
        {
            return File.Exists(file) ? RgbImage.FromPnm(File.ReadAllBytes(file)) : null;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            log.LogWarning(ex, "page cache entry {File} unreadable: rendering again", file);
            return null;
        }
    }

    private void Store(string file, byte[] ppm)
    {
        try
        {
            Directory.CreateDirectory(CacheDirectory);
            var tmp = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllBytes(tmp, ppm);
            File.Move(tmp, file, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A read-only or full disk costs a re-render next time, never the answer.
            log.LogWarning(ex, "page cache {Dir} not writable", CacheDirectory);
        }
    }
}
