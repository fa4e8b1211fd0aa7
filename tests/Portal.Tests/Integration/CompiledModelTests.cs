using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Data;

namespace Portal.Tests.Integration;

// EF's design-time services are what `dotnet ef dbcontext optimize` runs; they are internal API (EF1001) but the
// only way to know what it would write today.
#pragma warning disable EF1001

/// <summary>
/// The site does not build its EF model at start: it loads the compiled model committed under
/// <c>src/Portal.Web/Data/Compiled/{Sqlite,Postgres}</c>. A stale one would silently read and write the old shape,
/// so these tests regenerate it in memory from the current <c>OnModelCreating</c> and compare it with the committed
/// files. When they fail, run <c>src/Portal.Web/Data/Compiled/regenerate.sh</c>.
/// </summary>
public sealed partial class CompiledModelTests
{
    [Fact]
    public void SqliteCompiledModel_IsWhatTheCurrentModelGenerates()
    {
        using var db = new SqliteDesignFactory().CreateDbContext([]);
        AssertCommittedModelIsCurrent(db, "Sqlite");
    }

    [Fact]
    public void PostgresCompiledModel_IsWhatTheCurrentModelGenerates()
    {
        using var db = new PostgresDesignFactory().CreateDbContext([]);
        AssertCommittedModelIsCurrent(db, "Postgres");
    }

    [Fact]
    public void BothProviders_UseTheCompiledModelAtRunTime()
    {
        using var sqlite = new SqliteDesignFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignFactory().CreateDbContext([]);
        Assert.Same(Portal.Web.Data.Compiled.Sqlite.SqlitePortalDbModel.Instance, sqlite.Model);
        Assert.Same(Portal.Web.Data.Compiled.Postgres.PostgresPortalDbModel.Instance, postgres.Model);
        // The design-time model (migrations, the pending-changes check) is still built from OnModelCreating.
        Assert.NotSame(sqlite.Model, sqlite.GetService<IDesignTimeModel>().Model);
    }

    private static void AssertCommittedModelIsCurrent(DbContext db, string provider)
    {
        var folder = Path.Combine(RepoRoot(), "src", "Portal.Web", "Data", "Compiled", provider);
        var assembly = typeof(SqlitePortalDb).Assembly;
        var services = new DesignTimeServicesBuilder(assembly, assembly, new OperationReporter(handler: null), []).Build(db);
        var options = new CompiledModelCodeGenerationOptions
        {
            ContextType = db.GetType(),
            ModelNamespace = $"Portal.Web.Data.Compiled.{provider}",
            Language = "C#",
            UseNullableReferenceTypes = true,
            ForNativeAot = true, // regenerate.sh passes --nativeaot
        };
        var generated = services.GetRequiredService<ICompiledModelCodeGeneratorSelector>().Select(options)
            .GenerateModel(db.GetService<IDesignTimeModel>().Model, options);

        var committed = Directory.EnumerateFiles(folder, "*.cs").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(generated.Select(f => f.Path).Order(StringComparer.Ordinal).ToList(), committed);
        foreach (var file in generated)
        {
            if (Normalize(File.ReadAllText(Path.Combine(folder, file.Path))) != Normalize(GeneratorWorkaround(file.Code)))
            {
                var current = Path.Combine(Support.TempDirectory.Create("compiled-model"), file.Path);
                File.WriteAllText(current, file.Code);
                Assert.Fail($"{provider}/{file.Path} is stale: the model changed since it was generated (what the model generates now: {current}). "
                    + "Run src/Portal.Web/Data/Compiled/regenerate.sh.");
            }
        }
    }

    /// <summary>
    /// What regenerate.sh's <c>sed</c> does to the generated files: EF 10.0.15's --nativeaot generator names the
    /// snapshot lambdas' parameter <c>source</c>, clashing with the local of a property named Source
    /// (dotnet/efcore#38465), and the code does not compile until the parameter is renamed.
    /// </summary>
    private static string GeneratorWorkaround(string code) =>
        SourceEntry().Replace(code.Replace("IInternalEntry source)", "IInternalEntry entry0)", StringComparison.Ordinal), "entry0.$1");

    [System.Text.RegularExpressions.GeneratedRegex(@"\bsource\.(Entity|GetCurrentValue)\b")]
    private static partial System.Text.RegularExpressions.Regex SourceEntry();

    /// <summary>Ignores the byte-order mark, line endings and the model id, a new GUID on every generation.</summary>
    private static string Normalize(string code) =>
        ModelId().Replace(code.TrimStart('\uFEFF').ReplaceLineEndings("\n").TrimEnd(), "modelId: new Guid(\"…\")");

    [System.Text.RegularExpressions.GeneratedRegex("""modelId: new Guid\("[0-9a-f-]+"\)""")]
    private static partial System.Text.RegularExpressions.Regex ModelId();

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Portal.sln not found above the test assembly");
    }
}
