using Extractor.Server.Analysis;

namespace Extractor.Server.Tests;

/// <summary>The chart images themselves: PNGs of the asked size, for one agency or a county's thirty.</summary>
public sealed class AnalysisChartTests
{
    private static ExplorerDto Data(int agencies, int years) =>
        new("applications.newReceived.total", "一、本年新收政府信息公开申请数量 总计", "件", [], "", null,
            [.. Enumerable.Range(0, agencies).SelectMany(a => Enumerable.Range(2021, years).Select(y =>
                new ExplorerRowDto($"n:{a}", $"测试县第{a}号乡镇人民政府", null, "", "", y, Guid.NewGuid(), "x.pdf", a * 3 + y - 2021,
                    a % 5 == 0 ? ValueStates.Review : ValueStates.Ok, "", 1, 0, RecordBasis.Latest, "")))],
            new ExplorerStatsDto(0, 0, null, null, null, 0, 0, false));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(30, 1)]
    [InlineData(12, 4)]
    public void Charts_DrawPngsOfTheAskedSize(int agencies, int years)
    {
        var data = Data(agencies, years);
        foreach (var png in new[] { Charts.Bars(data, 900, 420), Charts.Lines(data, 10, 900, 420) })
        {
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
            // IHDR: width and height, big-endian, at bytes 16..23.
            Assert.Equal(900, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
            Assert.Equal(420, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
            if (Environment.GetEnvironmentVariable("EXTRACTOR_CHART_SAMPLES") is { Length: > 0 } dir)
            {
                File.WriteAllBytes(Path.Combine(dir, $"chart-{agencies}x{years}-{png.Length}.png"), png);
            }
        }
    }
}
