using Kring.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Kring.Web.Tests;

/// <summary>
/// The limits that keep the code readable for the next person: no line over 140 characters, no source file over 300
/// lines and no method over 60 lines, in the product and in its tests.
/// </summary>
public sealed class CodeShapeTests
{
    private const int MaxLineLength = 140;
    private const int MaxFileLines = 300;
    private const int MaxMethodLines = 60;
    private static readonly string[] Folders = ["src", "tests"];

    [Fact]
    public void No_line_is_longer_than_140_characters()
    {
        var tooLong = SourceFiles("*.cs", "*.cshtml")
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, number: index + 1)))
            .Where(l => l.line.Length > MaxLineLength)
            .Select(l => $"{Relative(l.file)}:{l.number} ({l.line.Length})")
            .ToList();
        Assert.True(tooLong.Count == 0, string.Join(Environment.NewLine, tooLong));
    }

    [Fact]
    public void No_source_file_is_longer_than_300_lines()
    {
        var tooLong = SourceFiles("*.cs", "*.cshtml")
            .Select(file => (file, lines: File.ReadLines(file).Count()))
            .Where(f => f.lines > MaxFileLines)
            .Select(f => $"{Relative(f.file)} ({f.lines})")
            .ToList();
        Assert.True(tooLong.Count == 0, string.Join(Environment.NewLine, tooLong));
    }

    [Fact]
    public void No_method_is_longer_than_60_lines()
    {
        var tooLong = new List<string>();
        foreach (var file in SourceFiles("*.cs"))
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
            foreach (var body in root.DescendantNodes().Where(IsMethodLike))
            {
                var span = body.GetLocation().GetLineSpan();
                var lines = span.EndLinePosition.Line - span.StartLinePosition.Line + 1;
                if (lines > MaxMethodLines) tooLong.Add($"{Relative(file)}:{span.StartLinePosition.Line + 1} {Name(body)} ({lines})");
            }
        }
        Assert.True(tooLong.Count == 0, string.Join(Environment.NewLine, tooLong));
    }

    [Fact]
    public void The_checks_see_the_sources()
    {
        var files = SourceFiles("*.cs").Select(Relative).ToList();
        Assert.Contains(Path.Combine("src", "Kring.Grains", "MatchingGrain.cs"), files);
        Assert.Contains(Path.Combine("tests", "Kring.Web.Tests", "CodeShapeTests.cs"), files);
        var obj = $"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}";
        Assert.DoesNotContain(files, f => f.Contains(obj, StringComparison.Ordinal));
    }

    private static bool IsMethodLike(SyntaxNode node) =>
        node is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax;

    private static string Name(SyntaxNode node) => node switch
    {
        MethodDeclarationSyntax m => m.Identifier.Text,
        ConstructorDeclarationSyntax c => c.Identifier.Text,
        LocalFunctionStatementSyntax l => l.Identifier.Text,
        _ => node.Kind().ToString(),
    };

    private static IEnumerable<string> SourceFiles(params string[] patterns)
    {
        var root = Repository.Root;
        return Folders
            .SelectMany(folder => patterns.SelectMany(p =>
                Directory.EnumerateFiles(Path.Combine(root, folder), p, SearchOption.AllDirectories)))
            .Where(f => !IsBuildOutput(Path.GetRelativePath(root, f)))
            .Order(StringComparer.Ordinal);
    }

    private static bool IsBuildOutput(string relative) =>
        relative.Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin" or "node_modules");

    private static string Relative(string file) => Path.GetRelativePath(Repository.Root, file);
}
