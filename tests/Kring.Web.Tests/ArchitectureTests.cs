using System.Xml.Linq;
using Kring.Testing;

namespace Kring.Web.Tests;

/// <summary>The web is a thin front end: it sees the cluster through the contracts and the hosting library only.</summary>
public sealed class ArchitectureTests
{
    private static readonly string[] Allowed = ["Kring.Abstractions", "Kring.Hosting"];

    [Fact]
    public void The_web_project_references_only_the_contracts_and_the_hosting_library()
    {
        var project = Path.Combine(Repository.Root, "src", "Kring.Web", "Kring.Web.csproj");
        var references = XDocument.Load(project).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(Allowed, references);
        Assert.Equal("true", XDocument.Load(project).Descendants("DisableTransitiveProjectReferences").SingleOrDefault()?.Value);
    }

    [Fact]
    public void The_web_assembly_compiles_against_neither_the_grains_nor_the_engine()
    {
        var referenced = typeof(KringWebApp).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("Kring.", StringComparison.Ordinal))
            .ToList();
        Assert.DoesNotContain("Kring.Grains", referenced);
        Assert.DoesNotContain("Kring.Matching", referenced);
        Assert.DoesNotContain("Kring.Silo", referenced);
        Assert.All(referenced, name => Assert.Contains(name, Allowed));
    }

    /// <summary>
    /// Every grain interface and method has a stable [Alias], so renaming or moving one in the code never breaks a rolling
    /// upgrade or a message in flight between silos of two versions.
    /// </summary>
    [Fact]
    public void Every_grain_interface_and_method_has_an_alias()
    {
        var interfaces = typeof(IAccountGrain).Assembly.GetTypes()
            .Where(t => t.IsInterface && typeof(IGrain).IsAssignableFrom(t))
            .ToList();
        Assert.NotEmpty(interfaces);
        var missing = interfaces.Where(t => !t.IsDefined(typeof(AliasAttribute), inherit: false)).Select(t => t.Name)
            .Concat(interfaces.SelectMany(t => t.GetMethods()
                .Where(m => !m.IsDefined(typeof(AliasAttribute), inherit: false))
                .Select(m => $"{t.Name}.{m.Name}")))
            .ToList();
        Assert.Empty(missing);
        foreach (var grain in interfaces)
        {
            var aliases = grain.GetMethods()
                .Select(m => m.GetCustomAttributes(typeof(AliasAttribute), false).Cast<AliasAttribute>().Single().Alias)
                .ToList();
            Assert.Equal(aliases.Count, aliases.Distinct(StringComparer.Ordinal).Count());
        }
    }
}
