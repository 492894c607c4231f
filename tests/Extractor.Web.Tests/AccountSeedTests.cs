using Extractor.Server.Identity;
using Extractor.Server.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Extractor.Web.Tests;

/// <summary>The first admin account: from EXTRACTOR_ADMIN_USER / EXTRACTOR_ADMIN_PASSWORD, or the documented Development account.</summary>
[Collection(SeedCollection.Name)]
public sealed class AccountSeedTests
{
    [Fact]
    public async Task FirstAdmin_ComesFromTheVariables_WhenNoAdminExists()
    {
        Environment.SetEnvironmentVariable(WebSecurity.AdminUserVariable, "chief");
        Environment.SetEnvironmentVariable(WebSecurity.AdminPasswordVariable, "chief-password-2026");
        try
        {
            await using var factory = new SeedFactory("Testing");
            using var scope = factory.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var chief = await users.FindByNameAsync("chief");
            Assert.NotNull(chief);
            Assert.True(await users.IsInRoleAsync(chief, Roles.Admin));
            Assert.True(await users.CheckPasswordAsync(chief, "chief-password-2026"));
            Assert.Null(await users.FindByNameAsync(WebSecurity.DevelopmentUser));
        }
        finally
        {
            Environment.SetEnvironmentVariable(WebSecurity.AdminUserVariable, null);
            Environment.SetEnvironmentVariable(WebSecurity.AdminPasswordVariable, null);
        }
    }

    [Fact]
    public async Task Development_CreatesTheDocumentedAccount()
    {
        await using var factory = new SeedFactory("Development");
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var dev = await users.FindByNameAsync(WebSecurity.DevelopmentUser);
        Assert.NotNull(dev);
        Assert.True(await users.IsInRoleAsync(dev, Roles.Admin));
        Assert.True(await users.CheckPasswordAsync(dev, WebSecurity.DevelopmentPassword));
    }

    [Fact]
    public async Task Outside_Development_NoAccountIsMadeUp()
    {
        await using var factory = new SeedFactory("Testing");
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        Assert.Empty(users.Users.ToList());
        Assert.Equal(4, scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>().Roles.Count());
    }

    private sealed class SeedFactory(string environment) : WebApplicationFactory<Program>
    {
        private readonly string _data = Directory.CreateTempSubdirectory("extractor-seed-test-").FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("Extractor:DataDirectory", _data);
            builder.UseSetting("Extractor:Role", "Api");
            builder.UseSetting("Extractor:ApiKeys:0:Name", "seed-test");
            builder.UseSetting("Extractor:ApiKeys:0:Key", "seed-test-key");
            builder.UseSetting("Extractor:ApiKeys:0:Roles:0", Roles.Admin);
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            try
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(_data, recursive: true);
            }
            catch (IOException)
            {
                // left to the system's temp cleaning
            }
        }
    }
}

/// <summary>The seed tests set process environment variables: they run apart from the browser tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SeedCollection
{
    public const string Name = "seed";
}
