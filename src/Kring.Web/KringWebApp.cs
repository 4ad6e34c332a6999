using System.Text.Json;
using System.Text.Json.Serialization;
using Kring.Hosting;
using Kring.Web.Api;
using Kring.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Dashboard;

namespace Kring.Web;

/// <summary>Builds the web front end. In the embedded default it co-hosts the one silo in the same process.</summary>
public static class KringWebApp
{
    /// <summary>
    /// Kring:Mode is "Embedded" (one process on SQLite, the default) or "Cluster" (an Orleans client of silos on
    /// PostgreSQL).
    /// </summary>
    public static bool IsCluster(IConfiguration configuration) =>
        string.Equals(configuration["Kring:Mode"], "Cluster", StringComparison.OrdinalIgnoreCase);

    public static WebApplication Build(string[] args)
    {
        // Named explicitly so pages are found when a test host, not Kring.Web, is the entry assembly.
        var builder = WebApplication.CreateBuilder(
            new WebApplicationOptions { Args = args, ApplicationName = typeof(KringWebApp).Assembly.GetName().Name });
        var settings = builder.Configuration.GetSection(KringSettings.Section).Get<KringSettings>() ?? new KringSettings();

        AddKringServices(builder, settings);
        builder.Services.AddKringOpenApi();
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Vrijwilliger", AuthSetup.Policies.Volunteer);
            options.Conventions.AuthorizeFolder("/Hulpvragen", AuthSetup.Policies.Requester);
            options.Conventions.AuthorizeFolder("/Dorp", AuthSetup.Policies.Villages);
            options.Conventions.AuthorizeFolder("/Beheer", AuthSetup.Policies.Operator);
        }).AddMvcOptions(options => options.Filters.AddService<CircleScopeFilter>());
        builder.Services.AddKringHealthChecks();
        Localisation.FrontEndSetup.AddKringFrontEnd(builder.Services);

        var app = builder.Build();
        UseKringPipeline(app);

        app.MapOpenApi("/api/v1/openapi.json");
        app.MapKringApiReference();
        app.MapKringApi();
        app.MapKringFrontEndApi();
        app.MapKringPrivacyApi();
        app.MapRazorPages();
        app.MapKringHealth();
        app.MapKringMetrics();
        app.MapOrleansDashboard("/dashboard").RequireAuthorization(AuthSetup.Policies.Operator);
        return app;
    }

    private static void AddKringServices(WebApplicationBuilder builder, KringSettings settings)
    {
        if (IsCluster(builder.Configuration))
        {
            builder.UseOrleansClient(client => client.UseKringClusterClient(builder.Configuration));
        }
        else
        {
            builder.UseOrleans(silo => silo.UseKringEmbedded(builder.Configuration).AddActivityPropagation());
        }

        builder.Services.AddDataProtection()
            .SetApplicationName("kring")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.FullDataDirectory, "keys")))
            .ProtectKeysWithCertificate(KeyRingCertificate.For(settings));
        builder.Services.AddKringTelemetry(builder.Configuration, "kring-web");
        builder.Services.AddKringAuth();
        builder.Services.AddKringWebSecurity(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(new Resilience.ClusterResilience());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Privacy.AccessLog>();
        builder.Services.AddSingleton<Services.CircleSearch>();
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (Problems.Titles.TryGetValue(context.ProblemDetails.Status ?? 0, out var title)
                && context.ProblemDetails.Title is null or "Bad Request" or "Unauthorized" or "Forbidden" or "Not Found"
                    or "Method Not Allowed" or "Unsupported Media Type" or "Content Too Large" or "Payload Too Large"
                    or "An error occurred while processing your request.")
            {
                context.ProblemDetails.Title = title;
            }
        });
        builder.Services.AddExceptionHandler<ExceptionProblems>();
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
    }

    private static void UseKringPipeline(WebApplication app)
    {
        app.UseKringWebSecurity();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        Localisation.FrontEndSetup.UseKringLocalization(app);
        app.UseRouting();
        app.UseAuthentication();
        app.UseKringActivationGate();
        // After authentication, so writes are counted per user; before authorisation, so refused writes count too.
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseKringApiReferencePolicy();
    }
}
