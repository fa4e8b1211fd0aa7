using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Portal.Core.Modules;

/// <summary>Every module found beside the host, and which of them configuration leaves switched on.</summary>
public sealed class ModuleCatalog
{
    private static readonly Lazy<IReadOnlyList<IPortalModule>> Discovered = new(Discover);

    public ModuleCatalog(IReadOnlyList<IPortalModule> all, IReadOnlyList<IPortalModule> enabled)
    {
        All = all;
        Enabled = enabled;
    }

    public IReadOnlyList<IPortalModule> All { get; }

    public IReadOnlyList<IPortalModule> Enabled { get; }

    public bool IsEnabled(string moduleId) => Enabled.Any(m => m.Manifest.Id == moduleId);

    /// <summary>All modules, in dependency order, whatever the configuration says (used for the data model).</summary>
    public static IReadOnlyList<IPortalModule> AllModules => Discovered.Value;

    /// <summary>
    /// Reads <c>Portal:Modules:{Id}:Enabled</c>. A module whose dependency is off is off too, so switching
    /// one module off never leaves another half-working.
    /// </summary>
    public static ModuleCatalog Create(IConfiguration configuration)
    {
        var enabled = new List<IPortalModule>();
        foreach (var module in AllModules)
        {
            var manifest = module.Manifest;
            var on = manifest.AlwaysOn || configuration.GetValue($"Portal:Modules:{manifest.Id}:Enabled", true);
            if (on && manifest.Dependencies.All(d => enabled.Any(e => e.Manifest.Id == d)))
            {
                enabled.Add(module);
            }
        }
        return new ModuleCatalog(AllModules, enabled);
    }

    private static IReadOnlyList<IPortalModule> Discover()
    {
        // Beside the host normally; beside this assembly when a tool (dotnet-ef, a test runner) hosts the code.
        var directories = new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(ModuleCatalog).Assembly.Location) ?? "" }
            .Where(Directory.Exists).Distinct();
        foreach (var file in directories.SelectMany(d => Directory.EnumerateFiles(d, "Portal.*.dll")))
        {
            TryLoad(file);
        }
        var modules = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("Portal.", StringComparison.Ordinal) == true)
            .SelectMany(SafeTypes)
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IPortalModule).IsAssignableFrom(t))
            .Select(t => (IPortalModule)Activator.CreateInstance(t)!)
            .GroupBy(m => m.Manifest.Id)
            .Select(g => g.First())
            .ToDictionary(m => m.Manifest.Id);
        return SortByDependencies(modules);
    }

    /// <summary>
    /// Loads a Portal.* assembly found beside the host. Files the host cannot resolve (a test assembly copied into
    /// the same folder, a stale build) are not modules of this host and are skipped.
    /// </summary>
    private static void TryLoad(string file)
    {
        try
        {
            var name = AssemblyName.GetAssemblyName(file);
            if (!AppDomain.CurrentDomain.GetAssemblies().Any(a => AssemblyName.ReferenceMatchesDefinition(a.GetName(), name)))
            {
                Assembly.Load(name);
            }
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
        }
    }

    private static IEnumerable<Type> SafeTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    private static List<IPortalModule> SortByDependencies(Dictionary<string, IPortalModule> modules)
    {
        var sorted = new List<IPortalModule>();
        var visiting = new HashSet<string>();
        void Visit(IPortalModule m)
        {
            if (sorted.Contains(m))
            {
                return;
            }
            if (!visiting.Add(m.Manifest.Id))
            {
                throw new InvalidOperationException($"Module dependency cycle at '{m.Manifest.Id}'.");
            }
            foreach (var dependency in m.Manifest.Dependencies)
            {
                if (!modules.TryGetValue(dependency, out var d))
                {
                    throw new InvalidOperationException($"Module '{m.Manifest.Id}' depends on '{dependency}', which is not installed.");
                }
                Visit(d);
            }
            sorted.Add(m);
        }
        foreach (var m in modules.Values.OrderBy(m => m.Manifest.Id, StringComparer.Ordinal))
        {
            Visit(m);
        }
        return sorted;
    }
}
