using Extractor.Readers.Ocr;

namespace Extractor.Tests.Ocr;

/// <summary>
/// The PNG decoder against known pixels: synthetic PNGs of every colour type, bit depth, filter and
/// Adam7 (written by scripts/testdata/make_pictures.py with the gray each must decode to), and a
/// table crop as pdftoppm writes PNG through libpng, against pdftoppm's PPM of the same pixels.
/// </summary>
public class PngDecoderTests
{
    private static string Unit(string name) => TestPaths.TestData("picture-unit", name);

    [Theory]
    [InlineData("gray1")]
    [InlineData("gray2")]
    [InlineData("gray4")]
    [InlineData("gray8")]
    [InlineData("gray16")]
    [InlineData("gray8-adam7")]
    [InlineData("graya8")]
    [InlineData("rgb8")]
    [InlineData("rgba8-adam7")]
    [InlineData("palette4")]
    public void Decode_GivesTheExpectedGray_ForEachColourTypeDepthAndInterlace(string name)
    {
        var expected = GrayImage.FromPnm(File.ReadAllBytes(Unit(name + ".pgm")));

        var image = PngDecoder.Decode(File.ReadAllBytes(Unit(name + ".png")));

        Assert.Equal((expected.Width, expected.Height), (image.Width, image.Height));
        Assert.Equal(expected.Pixels, image.Pixels);
    }

    [Fact]
    public void Decode_MatchesPdftoppmPixels_WhenPngIsWrittenByLibpng()
    {
        // GrayImage.FromPnm turns the PPM to gray with the same luma as the decoder: equal pixel for pixel.
        var expected = GrayImage.FromPnm(File.ReadAllBytes(Unit("table-crop-rgb.ppm")));

        var image = PngDecoder.Decode(File.ReadAllBytes(Unit("table-crop-rgb.png")));

        Assert.Equal((220, 120), (image.Width, image.Height));
        Assert.Equal(expected.Pixels, image.Pixels);
        Assert.Contains(image.Pixels, p => p < 80);
    }

    [Fact]
    public void ReadInfo_GivesSizeAndResolution_FromTheHeaderChunks()
    {
        var info = PngDecoder.ReadInfo(File.ReadAllBytes(Unit("gray8.png")));

        Assert.Equal(new PictureInfo("png", 37, 23, 150.0), info);
        Assert.Null(PngDecoder.ReadInfo(File.ReadAllBytes(Unit("rgb8.png"))).Dpi);
    }

    [Fact]
    public void Decode_SaysTheDataIsTruncated_WhenTheFileIsCut()
    {
        var png = File.ReadAllBytes(Unit("rgba8-adam7.png"));

        var ex = Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(png[..(png.Length / 2)]));

        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_RefusesWithAReason_WhenNotAPng()
    {
        var ex = Assert.Throws<InvalidDataException>(() => PngDecoder.Decode("GIF89a"u8.ToArray()));

        Assert.Contains("not a PNG", ex.Message, StringComparison.Ordinal);
    }
}
