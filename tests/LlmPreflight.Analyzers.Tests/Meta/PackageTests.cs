using System.Diagnostics;
using System.IO.Compression;

namespace LlmPreflight.Analyzers.Tests.Meta;

/// <summary>
/// Packs the real LlmPreflight package and consumes it from a fresh project, the way a user does: the analyzers
/// run from analyzers/dotnet/cs, the presets switch severities, a bad preset gets a clear error, and the opt-out works.
/// </summary>
public sealed class PackageTests : IClassFixture<PackageTests.PackedPackage>
{
    private readonly PackedPackage _package;

    public PackageTests(PackedPackage package) => _package = package;

    [Fact]
    public void The_package_carries_the_runtime_analyzers_fixes_and_build_files()
    {
        using var archive = ZipFile.OpenRead(_package.NupkgPath);
        var entries = archive.Entries.Select(e => e.FullName).ToHashSet();
        foreach (var expected in new[]
        {
            "lib/netstandard2.0/LlmPreflight.dll", "lib/net8.0/LlmPreflight.dll",
            "analyzers/dotnet/cs/LlmPreflight.Analyzers.dll", "analyzers/dotnet/cs/LlmPreflight.CodeFixes.dll",
            "build/LlmPreflight.props", "build/LlmPreflight.targets", "buildTransitive/LlmPreflight.props",
            "build/config/strict.globalconfig", "build/config/none.globalconfig", "README.md",
        })
        {
            Assert.Contains(expected, entries);
        }

        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Analyzers", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_consumer_gets_diagnostics_presets_and_the_opt_out()
    {
        var recommended = await _package.BuildConsumerAsync("");
        Assert.Contains("warning LLM0001", recommended.Output);
        Assert.Equal(0, recommended.ExitCode);

        var none = await _package.BuildConsumerAsync("-p:LlmPreflightPreset=none");
        Assert.DoesNotContain("LLM0001", none.Output);

        var optOut = await _package.BuildConsumerAsync("-p:LlmPreflightIncludeAnalyzers=false");
        Assert.DoesNotContain("LLM0001", optOut.Output);

        var asErrors = await _package.BuildConsumerAsync("-p:WarningsAsErrors=LLM0001");
        Assert.Contains("error LLM0001", asErrors.Output);
        Assert.NotEqual(0, asErrors.ExitCode);

        var bogus = await _package.BuildConsumerAsync("-p:LlmPreflightPreset=loud");
        Assert.Contains("LlmPreflightPreset is 'loud'; set it to recommended, strict or none", bogus.Output);
        Assert.NotEqual(0, bogus.ExitCode);
    }

    /// <summary>Packs once per test run, with a version of its own so no stale copy in the NuGet cache is used.</summary>
    public sealed class PackedPackage : IAsyncLifetime
    {
        private readonly string _root = Directory.CreateTempSubdirectory("llmpreflight-package-").FullName;
        private readonly string _version = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");

        public string NupkgPath => Path.Combine(_root, "feed", $"LlmPreflight.{_version}.nupkg");

        public async Task InitializeAsync()
        {
            var project = Path.Combine(AnalyzerInventory.RepositoryRoot, "src", "LlmPreflight.Runtime", "LlmPreflight.Runtime.csproj");
            var pack = await Dotnet(AnalyzerInventory.RepositoryRoot, $"pack \"{project}\" -c Release -o \"{Path.Combine(_root, "feed")}\" -p:Version={_version}");
            Assert.True(pack.ExitCode == 0, pack.Output);

            var consumer = Path.Combine(_root, "Consumer");
            Directory.CreateDirectory(consumer);
            await File.WriteAllTextAsync(Path.Combine(consumer, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <RestoreAdditionalProjectSources>{Path.Combine(_root, "feed")}</RestoreAdditionalProjectSources>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="LlmPreflight" Version="{_version}" />
                    <PackageReference Include="Microsoft.Extensions.AI.Abstractions" Version="11.0.0" />
                  </ItemGroup>
                </Project>
                """);
            await File.WriteAllTextAsync(Path.Combine(consumer, "Ask.cs"), """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public static class Ask
                {
                    public static Task<ChatResponse> Once(IChatClient client) => client.GetResponseAsync("Hello");
                }
                """);
        }

        public async Task<(int ExitCode, string Output)> BuildConsumerAsync(string properties) =>
            await Dotnet(Path.Combine(_root, "Consumer"), $"build --no-incremental -nologo {properties}");

        public Task DisposeAsync()
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A build server may still hold a file; the temp folder is cleaned by the OS.
            }

            return Task.CompletedTask;
        }

        private static async Task<(int ExitCode, string Output)> Dotnet(string workingDirectory, string arguments)
        {
            var start = new ProcessStartInfo("dotnet", arguments)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await output + await error);
        }
    }
}
