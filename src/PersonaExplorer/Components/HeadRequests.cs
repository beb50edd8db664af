namespace PersonaExplorer.Components;

/// <summary>
/// Pages are mapped for GET only; monitors and link checkers send HEAD. A HEAD request is answered exactly like
/// GET (status and headers) with the body dropped. A startup filter, because it must run before routing picks
/// the endpoint (WebApplication adds routing ahead of the app's own middleware).
/// </summary>
public sealed class HeadRequests : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await nextMiddleware(context);
                return;
            }
            var body = context.Response.Body;
            context.Request.Method = HttpMethods.Get;
            context.Response.Body = Stream.Null;
            try { await nextMiddleware(context); }
            finally
            {
                context.Request.Method = HttpMethods.Head;
                context.Response.Body = body;
            }
        });
        next(app);
    };
}
