namespace Kring.Web.Security;

/// <summary>
/// A session opened with a one-time activation code may do one thing: choose the account's own password (or end). API
/// calls get 403 and pages lead to <see cref="PasswordPage"/>. It runs right after authentication for every request,
/// so no route can forget it; choosing the password gives a new session without the <see cref="KringUser.ActivationClaim"/>.
/// </summary>
public static class ActivationGate
{
    public const string PasswordPage = "/Wachtwoord";

    private static readonly PathString[] OpenPages = [PasswordPage, "/Inloggen", "/Uitloggen", "/Taal"];

    public static IApplicationBuilder UseKringActivationGate(this IApplicationBuilder app) => app.Use(Guard);

    private static async Task Guard(HttpContext context, RequestDelegate next)
    {
        if (!KringUser.MustChoosePassword(context.User) || IsOpen(context.Request))
        {
            await next(context);
        }
        else if (context.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Kies eerst een eigen wachtwoord.",
                detail: "U bent ingelogd met een activeringscode. Kies met PUT /api/v1/me/password een eigen wachtwoord " +
                    "(de code is het huidige); daarna kunt u verder.")
                .ExecuteAsync(context);
        }
        else
        {
            context.Response.Redirect(PasswordPage);
        }
    }

    private static bool IsOpen(HttpRequest request)
    {
        var path = request.Path;
        if (path.Equals("/api/v1/session")) return true;
        if (path.Equals("/api/v1/me/password")) return HttpMethods.IsPut(request.Method);
        return OpenPages.Any(p => path.Equals(p));
    }
}
