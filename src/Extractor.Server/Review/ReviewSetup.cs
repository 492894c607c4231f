using Extractor.Server.Evidence;

namespace Extractor.Server.Review;

public static class ReviewSetup
{
    /// <summary>Registers <see cref="ReviewService"/>, <see cref="EvidenceService"/> (scoped) and <see cref="PageImages"/> (singleton: the page cache).</summary>
    public static IServiceCollection AddReviewServices(this IServiceCollection services)
    {
        services.AddScoped<ReviewService>();
        services.AddScoped<EvidenceService>();
        services.AddSingleton<PageImages>();
        return services;
    }
}
