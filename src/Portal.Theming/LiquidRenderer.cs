using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Reflection;
using Portal.Core.Localization;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Runtime.Accessors;
using Scriban.Syntax;

namespace Portal.Theming;

/// <summary>
/// Renders Liquid views. A view is looked up in the active theme, then its base themes, then the module's own
/// default (<c>Views/</c> beside the binary), so a theme overrides a module by mirroring its path. Templates
/// are parsed once and re-parsed only when their file changes; every output is HTML-encoded unless it is a
/// <see cref="SafeHtml"/> (produced by HtmlSanitizer at save time, or by the renderer itself).
/// </summary>
public sealed class LiquidRenderer
{
    private readonly ConcurrentDictionary<string, (DateTime Stamp, Template Template)> parsed = new();
        private readonly ThemeCatalog themes;
    private readonly TextCatalog text;
    private readonly ConcurrentDictionary<Type, bool> modelTypes = new();
    private readonly ConcurrentDictionary<Type, IObjectAccessor> accessors = new();
    private readonly ConcurrentDictionary<(string Theme, string View), (Template Template, long CheckedAt)> resolved = new();
    private readonly string moduleViews = Path.Combine(AppContext.BaseDirectory, "Views");

    public LiquidRenderer(ThemeCatalog themes, TextCatalog text)
    {
        this.themes = themes;
        this.text = text;
    }

    public string Render(ThemeInfo theme, string view, IReadOnlyDictionary<string, object?> values, CultureInfo culture)
    {
        var context = new EncodingContext(this, theme)
        {
            MemberFilter = IsAllowed,
            StrictVariables = false,
            EnableRelaxedMemberAccess = true,
            LoopLimit = 10_000,
            RecursiveLimit = 20,
        };
        context.PushCulture(culture);
        context.PushGlobal(SharedBuiltins);
        var globals = new ScriptObject();
        foreach (var (key, value) in values)
        {
            globals[key] = value;
        }
        context.PushGlobal(globals);
        return context.RenderView(view);
    }

    public bool ViewExists(ThemeInfo theme, string view) => FindFile(theme, view) is not null;

    /// <summary>Templates read public properties of <see cref="LiquidModelAttribute"/> types and nothing else.</summary>
    private bool IsAllowed(MemberInfo member) =>
        member is PropertyInfo { GetMethod.IsPublic: true } && member.DeclaringType is { } type && IsModelType(type);

    private bool IsModelType(Type type) => modelTypes.GetOrAdd(type, static t => t.GetCustomAttribute<LiquidModelAttribute>() is not null);

    /// <summary>
    /// The parsed template of a view. Which file serves a view, and whether it changed on disk, is looked up at most
    /// once per <see cref="RecheckAfterMs"/> per view, not on every render (a page renders several views).
    /// </summary>
    private Template Resolve(ThemeInfo theme, string view)
    {
        var now = Environment.TickCount64;
        var key = (theme.Id, view);
        if (resolved.TryGetValue(key, out var hit) && now - hit.CheckedAt < RecheckAfterMs)
        {
            return hit.Template;
        }
        var file = FindFile(theme, view)
            ?? throw new FileNotFoundException($"No Liquid view '{view}' in theme '{theme.Id}' or the module defaults.");
        var stamp = File.GetLastWriteTimeUtc(file);
        if (!parsed.TryGetValue(file, out var entry) || entry.Stamp != stamp)
        {
            var template = Template.ParseLiquid(File.ReadAllText(file), file);
            if (template.HasErrors)
            {
                throw new InvalidOperationException($"Liquid syntax error in {file}: {string.Join("; ", template.Messages)}");
            }
            entry = (stamp, template);
            parsed[file] = entry;
        }
        resolved[key] = (entry.Template, now);
        return entry.Template;
    }

    private const long RecheckAfterMs = 1000;

    private string? FindFile(ThemeInfo theme, string view)
    {
        var relative = view.Replace('/', Path.DirectorySeparatorChar) + ".liquid";
        if (relative.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }
        foreach (var id in theme.Chain)
        {
            var candidate = Path.Combine(themes.ViewsFolder(id), relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        var fallback = Path.Combine(moduleViews, relative);
        return File.Exists(fallback) ? fallback : null;
    }

    private static readonly ScriptObject SharedBuiltins = CreateBuiltins();

    private static ScriptObject CreateBuiltins()
    {
        var builtins = new ScriptObject();
        builtins.Import(typeof(ThemeFunctions));
        // The most called function (every label of every page) without Scriban's reflection call of an imported method.
        builtins.SetValue("t", new TranslateFunction(), readOnly: true);
        return builtins;
    }

    /// <summary>Liquid's standard filters, built once: a fresh set per render cost a tenth of a page's time.</summary>
    private static readonly ScriptObject LiquidBuiltins = new LiquidTemplateContext().BuiltinObject;

    /// <remarks>Set up as <see cref="LiquidTemplateContext"/> does, but over the shared, read-only builtins.</remarks>
    private sealed class EncodingContext : TemplateContext
    {
        private readonly LiquidRenderer renderer;
        private readonly ThemeInfo theme;

        public EncodingContext(LiquidRenderer renderer, ThemeInfo theme) : base(LiquidBuiltins)
        {
            this.renderer = renderer;
            this.theme = theme;
            Language = ScriptLang.Liquid;
            EnableBreakAndContinueAsReturnOutsideLoop = true;
            EnableRelaxedTargetAccess = true;
            TemplateLoaderLexerOptions = new LexerOptions { Lang = ScriptLang.Liquid };
            TemplateLoaderParserOptions = new ParserOptions { LiquidFunctionsToScriban = true };
            IsLiquid = true;
        }

        public string Translate(string key) => renderer.text.Translate(key, CurrentCulture);

        /// <summary>
        /// Scriban builds a reflection accessor per .NET type per context, that is per render; model types get one
        /// accessor for the life of the process instead (same filter, so the same members are visible).
        /// </summary>
        protected override IObjectAccessor? GetMemberAccessorImpl(object target)
        {
            var type = target.GetType();
            return renderer.IsModelType(type)
                ? renderer.accessors.GetOrAdd(type, static (t, r) => new TypedObjectAccessor(t, r.IsAllowed, null), renderer)
                : base.GetMemberAccessorImpl(target);
        }

        public string RenderView(string view)
        {
            PushOutput();
            Evaluate(renderer.Resolve(theme, view).Page!);
            return PopOutput().ToString() ?? "";
        }

        public override TemplateContext Write(SourceSpan span, object? textAsObject)
        {
            switch (textAsObject)
            {
                case null:
                    break;
                case SafeHtml html:
                    Write(html.Html);
                    break;
                default:
                    Write(WebUtility.HtmlEncode(ObjectToString(textAsObject)));
                    break;
            }
            return this;
        }
    }

    /// <summary><c>{{ "Page {0} of {1}" | t: page, pages }}</c>: the key is the English text; up to three arguments.</summary>
    private sealed class TranslateFunction : IScriptCustomFunction
    {
        private static readonly ScriptParameterInfo[] Parameters =
            [new(typeof(object), "key"), new(typeof(object), "arg0", null), new(typeof(object), "arg1", null), new(typeof(object), "arg2", null)];

        public int RequiredParameterCount => 1;

        public int ParameterCount => Parameters.Length;

        public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;

        public Type ReturnType => typeof(string);

        public ScriptParameterInfo GetParameterInfo(int index) => Parameters[index];

        public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
        {
            var translated = ((EncodingContext)context).Translate(arguments[0]?.ToString() ?? "");
            return arguments.Count < 2 || arguments[1] is null
                ? translated
                : string.Format(context.CurrentCulture, translated, arguments[1], arguments.Count > 2 ? arguments[2] : null, arguments.Count > 3 ? arguments[3] : null);
        }

        public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
            new(Invoke(context, callerContext, arguments, blockStatement));
    }

    /// <summary>Functions every template can call; each takes the render's context first.</summary>
    private static class ThemeFunctions
    {
        /// <summary>Only HTML that is already safe passes unencoded; anything else stays encoded, whatever the template says.</summary>
        public static object? Raw(object? value) => value;

        /// <summary><c>{% include 'partials/pager' %}</c>: a view of the same theme chain, rendered in place.</summary>
        public static SafeHtml Include(TemplateContext context, string view) => new(((EncodingContext)context).RenderView(view));
    }
}

/// <summary>HTML that was sanitized when it was saved, or produced by the renderer; written without encoding.</summary>
public sealed record SafeHtml(string Html)
{
    public override string ToString() => Html;
}
