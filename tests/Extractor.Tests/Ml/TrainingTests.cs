using Extractor.Mapping.Ml;

namespace Extractor.Tests.Ml;

/// <summary>Training is reproducible: the same data and seed give the same model and figures.</summary>
public class TrainingTests
{
    private static readonly CorpusOptions Small = new() { VariantsPerClass = 12, NonePerTask = 30 };

    [Fact]
    public void Run_GivesSameVersionAndMetrics_WhenRunTwiceWithSameSeed()
    {
        var first = new ModelPipeline(seed: 5, Small, testPerClass: 8, calibrationReports: 4).Run([]);
        var second = new ModelPipeline(seed: 5, Small, testPerClass: 8, calibrationReports: 4).Run([]);

        Assert.Equal(first.Model.Version, second.Model.Version);
        Assert.Equal(first.Model.Manifest.Metrics, second.Model.Manifest.Metrics);
        Assert.Equal(first.Model.Predict(LabelTask.Row, "本午新收申请").Probabilities, second.Model.Predict(LabelTask.Row, "本午新收申请").Probabilities);
        // Zip times have a 2-second grain: saves further apart than that must still be equal.
        var firstBytes = Bytes(first.Model);
        Thread.Sleep(TimeSpan.FromSeconds(2.1));
        Assert.Equal(firstBytes, Bytes(second.Model));
    }

    private static byte[] Bytes(LabelModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    [Fact]
    public void Run_ChangesVersion_WhenSeedChanges()
    {
        var a = LabelCorpus.Training(Small with { Seed = 1 });
        var b = LabelCorpus.Training(Small with { Seed = 2 });

        Assert.NotEqual(a.Select(e => e.Text), b.Select(e => e.Text));
    }

    [Fact]
    public void SaveAndLoad_KeepsPredictionsAndManifest()
    {
        var model = LabelTrainer.Train(LabelCorpus.Training(Small with { Seed = 3 }), seed: 3);
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;

        var loaded = LabelModel.Load(stream);

        Assert.Equal(model.Version, loaded.Version);
        Assert.Equal(model.Predict(LabelTask.Column, "自然人").Key, loaded.Predict(LabelTask.Column, "自然人").Key);
        Assert.Equal(model.Predict(LabelTask.Row, "重复申请").Probability, loaded.Predict(LabelTask.Row, "重复申请").Probability, 6);
    }
}
