using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Configuration;
using Monitor.Hosting.Web;
using Monitor.Options;

namespace Monitor.Subscriptions;

/// <summary>
/// The subscription pages, on the service's web server (<c>Monitor:Http:Port</c>):
/// <list type="bullet">
/// <item><c>GET /subscribe</c> form; <c>POST /subscribe</c> (form or JSON) → 202 and a confirmation mail, the same answer
/// whether or not the address is known; rate-limited per client IP (429 beyond);</item>
/// <item><c>GET /subscribe/confirm?token=</c> page with a button; <c>POST</c> the same address confirms (double opt-in);</item>
/// <item><c>GET /unsubscribe?token=</c> page with a button; <c>POST</c> (RFC 8058 one-click, <c>List-Unsubscribe=One-Click</c>) unsubscribes;</item>
/// <item><c>GET /manage?token=</c> preferences form; <c>POST</c> saves it.</item>
/// </list>
/// A GET never changes anything (mail scanners open links). A forged, expired or wrong-purpose token is answered 400 and
/// changes nothing.
/// </summary>
public sealed class SubscriptionEndpoints : IEndpointModule, IDisposable
{
    private const long MaxBodyBytes = 64 * 1024;
    private const string NotSetUp = "Subscribing is not set up on this server (the operator has to set Monitor:PublicBaseUrl and Monitor:Subscriptions:SigningKey).";

    private readonly SubscriptionService _service;
    private readonly ISubscriptionStore _store;
    private readonly SubscriptionLinks _links;
    private readonly ConfigStore _config;
    private readonly ILogger<SubscriptionEndpoints> _logger;
    private readonly PartitionedRateLimiter<string> _limiter;

    public SubscriptionEndpoints(SubscriptionService service, ISubscriptionStore store, SubscriptionLinks links, ConfigStore config, IOptions<MonitorOptions> options, ILogger<SubscriptionEndpoints> logger)
    {
        _service = service;
        _store = store;
        _links = links;
        _config = config;
        _logger = logger;
        var subscriptions = options.Value.Subscriptions ?? new SubscriptionOptions();
        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, subscriptions.SubscribeLimit),
            Window = subscriptions.SubscribeWindow > TimeSpan.Zero ? subscriptions.SubscribeWindow : TimeSpan.FromMinutes(10),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(SubscriptionLinks.SubscribePath, new RequestDelegate(ShowSubscribeAsync));
        endpoints.MapPost(SubscriptionLinks.SubscribePath, new RequestDelegate(SubscribeAsync));
        endpoints.MapGet(SubscriptionLinks.ConfirmPath, new RequestDelegate(ShowConfirmAsync));
        endpoints.MapPost(SubscriptionLinks.ConfirmPath, new RequestDelegate(ConfirmAsync));
        endpoints.MapGet(SubscriptionLinks.UnsubscribePath, new RequestDelegate(ShowUnsubscribeAsync));
        endpoints.MapPost(SubscriptionLinks.UnsubscribePath, new RequestDelegate(UnsubscribeAsync));
        endpoints.MapGet(SubscriptionLinks.ManagePath, new RequestDelegate(ShowManageAsync));
        endpoints.MapPost(SubscriptionLinks.ManagePath, new RequestDelegate(ManageAsync));
    }

    public void Dispose() => _limiter.Dispose();

    /// <summary>The rate-limit partition of a client: its IPv4 address, or the /64 network of an IPv6 address.</summary>
    internal static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private Task ShowSubscribeAsync(HttpContext context) =>
        _links.CanMail
            ? HtmlAsync(context, StatusCodes.Status200OK, SubscriptionPages.SubscribeForm(_config.Current.Feeds.Topics, FormValues.Empty, []))
            : HtmlAsync(context, StatusCodes.Status503ServiceUnavailable, SubscriptionPages.Message("Subscribe", SubscriptionPages.E(NotSetUp)));

    private async Task SubscribeAsync(HttpContext context)
    {
        var json = context.Request.HasJsonContentType();
        using var lease = _limiter.AttemptAcquire(ClientKey(context.Connection.RemoteIpAddress));
        if (!lease.IsAcquired)
        {
            if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await ReplyAsync(context, json, StatusCodes.Status429TooManyRequests, "Too many requests", "Too many subscribe requests from your address; try again later.");
            return;
        }

        if (!_links.CanMail)
        {
            _logger.LogWarning("Subscribe request refused: {Reason}", NotSetUp);
            await ReplyAsync(context, json, StatusCodes.Status503ServiceUnavailable, "Subscribe", NotSetUp);
            return;
        }

        var values = await ReadFormValuesAsync(context, json, email: null);
        if (values is null)
        {
            await ReplyAsync(context, json, StatusCodes.Status400BadRequest, "Subscribe", "The request could not be read: send a form or a JSON object with email, topics, schedule, timeZone and name.");
            return;
        }

        var active = _config.Current;
        if (!SubscriptionInput.TryCreate(values.Email, values.Name, values.Topics, values.Schedule, values.TimeZone, active, web: true, out var input, out var problems))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            if (json)
            {
                await context.Response.WriteAsJsonAsync(new SubscribeProblems("invalid", problems), SubscriptionJson.Default.SubscribeProblems, cancellationToken: context.RequestAborted);
            }
            else
            {
                await HtmlAsync(context, StatusCodes.Status400BadRequest, SubscriptionPages.SubscribeForm(active.Feeds.Topics, values, problems));
            }

            return;
        }

        try
        {
            await _service.RequestAsync(input, context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogError("Subscribe request: the mail could not be sent: {Error}", ex.Message);
            await ReplyAsync(context, json, StatusCodes.Status503ServiceUnavailable, "Subscribe", "The confirmation mail could not be sent right now; please try again later.");
            return;
        }

        await ReplyAsync(
            context,
            json,
            StatusCodes.Status202Accepted,
            "Check your inbox",
            $"If {input.Email} can receive the digest, a mail with a confirmation link is on its way. The link works for {(int)SubscriptionLinks.ConfirmLifetime.TotalHours} hours.");
    }

    private async Task ShowConfirmAsync(HttpContext context)
    {
        if (await VerifyAsync(context, SubscriptionLinks.ConfirmPurpose, "Confirm your subscription") is not { } email)
        {
            return;
        }

        var stored = await _store.GetAsync(email, context.RequestAborted);
        switch (stored?.Status)
        {
            case SubscriptionStatus.Pending:
                var titles = TopicTitles(stored.Topics);
                await HtmlAsync(context, StatusCodes.Status200OK, SubscriptionPages.ConfirmPrompt(email, titles, stored.Schedule, stored.TimeZone));
                break;
            case SubscriptionStatus.Confirmed:
                await HtmlAsync(context, StatusCodes.Status200OK, Subscribed(email, "Your subscription is already confirmed."));
                break;
            default:
                await HtmlAsync(context, StatusCodes.Status400BadRequest, NoLongerValid());
                break;
        }
    }

    private async Task ConfirmAsync(HttpContext context)
    {
        if (await VerifyAsync(context, SubscriptionLinks.ConfirmPurpose, "Confirm your subscription") is not { } email)
        {
            return;
        }

        switch (await _service.ConfirmAsync(email, context.RequestAborted))
        {
            case ConfirmResult.Confirmed:
                await HtmlAsync(context, StatusCodes.Status200OK, Subscribed(email, "You are subscribed: digests come on the schedule you chose."));
                break;
            case ConfirmResult.AlreadyConfirmed:
                await HtmlAsync(context, StatusCodes.Status200OK, Subscribed(email, "Your subscription is already confirmed."));
                break;
            default:
                await HtmlAsync(context, StatusCodes.Status400BadRequest, NoLongerValid());
                break;
        }
    }

    private async Task ShowUnsubscribeAsync(HttpContext context)
    {
        if (await VerifyAsync(context, SubscriptionLinks.UnsubscribePurpose, "Unsubscribe") is { } email)
        {
            await HtmlAsync(context, StatusCodes.Status200OK, SubscriptionPages.UnsubscribePrompt(email, _links.ManageUrl(email)));
        }
    }

    /// <summary>RFC 8058: the token authorizes; the body (<c>List-Unsubscribe=One-Click</c>) is what mail providers send and the page's button sends too.</summary>
    private async Task UnsubscribeAsync(HttpContext context)
    {
        if (await VerifyAsync(context, SubscriptionLinks.UnsubscribePurpose, "Unsubscribe") is not { } email)
        {
            return;
        }

        await _service.UnsubscribeAsync(email, context.RequestAborted);
        await HtmlAsync(context, StatusCodes.Status200OK, SubscriptionPages.Message("Unsubscribed", $"<b>{SubscriptionPages.E(email)}</b> gets no more digests."));
    }

    private async Task ShowManageAsync(HttpContext context)
    {
        if (await VerifyAsync(context, SubscriptionLinks.ManagePurpose, "Your digest") is not { } email)
        {
            return;
        }

        await ManagePageAsync(context, email, values: null, problems: [], notice: null, StatusCodes.Status200OK);
    }

    private async Task ManageAsync(HttpContext context)
    {
        if (await VerifyAsync(context, SubscriptionLinks.ManagePurpose, "Your digest") is not { } email)
        {
            return;
        }

        var values = await ReadFormValuesAsync(context, json: context.Request.HasJsonContentType(), email);
        if (values is null)
        {
            await HtmlAsync(context, StatusCodes.Status400BadRequest, SubscriptionPages.Message("Your digest", "The form could not be read; nothing changed."));
            return;
        }

        if (!SubscriptionInput.TryCreate(email, values.Name, values.Topics, values.Schedule, values.TimeZone, _config.Current, web: true, out var input, out var problems))
        {
            await ManagePageAsync(context, email, values, problems, notice: null, StatusCodes.Status400BadRequest);
            return;
        }

        switch (await _service.UpdateAsync(input, context.RequestAborted))
        {
            case UpdateResult.Updated:
                await ManagePageAsync(context, email, values: null, problems: [], notice: "Saved. Your next digest follows the new settings.", StatusCodes.Status200OK);
                break;
            default:
                await ManagePageAsync(context, email, values: null, problems: [], notice: null, StatusCodes.Status409Conflict);
                break;
        }
    }

    /// <summary>The preferences page as the subscription stands (or with the values just posted, beside their problems).</summary>
    private async Task ManagePageAsync(HttpContext context, string email, FormValues? values, IReadOnlyList<string> problems, string? notice, int status)
    {
        var active = _config.Current;
        var stored = await _store.GetAsync(email, context.RequestAborted);
        if (active.FindSubscriber(email) is { } fromFile && !SubscriptionService.IsOptOut(stored))
        {
            await HtmlAsync(
                context,
                status == StatusCodes.Status200OK ? status : StatusCodes.Status409Conflict,
                SubscriptionPages.ManagedInFeedsJson(email, TopicTitles(fromFile.Topics), fromFile.Schedule.Text, fromFile.TimeZone.Id, _links.UnsubscribeUrl(email)));
            return;
        }

        if (stored?.Status != SubscriptionStatus.Confirmed)
        {
            await HtmlAsync(
                context,
                StatusCodes.Status409Conflict,
                SubscriptionPages.Message("Your digest", $"<b>{SubscriptionPages.E(email)}</b> has no active subscription; nothing changed.", "<a href=\"" + SubscriptionPages.E(_links.PageUrl(SubscriptionLinks.SubscribePath)) + "\">Subscribe again</a>"));
            return;
        }

        values ??= new FormValues(email, stored.Name, stored.Topics, stored.Schedule, stored.TimeZone);
        await HtmlAsync(context, status, SubscriptionPages.ManageForm(email, active.Feeds.Topics, values, problems, notice, _links.UnsubscribeUrl(email)));
    }

    /// <summary>The email of a valid token for <paramref name="purpose"/>; otherwise answers 400 (or 503 without a signing key) and returns null.</summary>
    private async Task<string?> VerifyAsync(HttpContext context, string purpose, string title)
    {
        if (!_links.CanSign)
        {
            await HtmlAsync(context, StatusCodes.Status503ServiceUnavailable, SubscriptionPages.Message(title, SubscriptionPages.E(NotSetUp)));
            return null;
        }

        if (_links.TryVerify(context.Request.Query["token"].ToString(), purpose, out var email))
        {
            return email;
        }

        await HtmlAsync(
            context,
            StatusCodes.Status400BadRequest,
            SubscriptionPages.Message(title, "This link is not valid: it may have expired, or been changed or cut short when it was copied. Nothing was changed."));
        return null;
    }

    private static string NoLongerValid() =>
        SubscriptionPages.Message("Confirm your subscription", "This link is no longer valid: there is no pending subscription for it. Nothing was changed.");

    private string Subscribed(string email, string message) =>
        SubscriptionPages.Message(
            "Subscribed",
            SubscriptionPages.E(message),
            $"<a href=\"{SubscriptionPages.E(_links.ManageUrl(email))}\">Change your topics or schedule</a> · <a href=\"{SubscriptionPages.E(_links.UnsubscribeUrl(email))}\">Unsubscribe</a>");

    private IEnumerable<string> TopicTitles(IEnumerable<string> ids)
    {
        var topics = _config.Current.Feeds.Topics;
        return ids.Select(id => topics.FirstOrDefault(t => t.Id == id)?.Title ?? id);
    }

    /// <summary>The form fields (or JSON properties) email, name, topics (repeated, <c>topics[]</c>, or comma-separated), schedule, timeZone; null when unreadable.</summary>
    private static async Task<FormValues?> ReadFormValuesAsync(HttpContext context, bool json, string? email)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        try
        {
            if (json)
            {
                var body = await JsonSerializer.DeserializeAsync(context.Request.Body, SubscriptionJson.Default.SubscribeBody, context.RequestAborted);
                return body is null ? null : new FormValues(email ?? body.Email, body.Name, body.Topics ?? [], body.Schedule, body.TimeZone);
            }

            if (!context.Request.HasFormContentType)
            {
                return null;
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var topics = form["topics"].Concat(form["topics[]"]).OfType<string>().ToList();
            return new FormValues(email ?? form["email"].ToString(), form["name"].ToString(), topics, form["schedule"].ToString(), form["timeZone"].ToString());
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or BadHttpRequestException or IOException)
        {
            return null;
        }
    }

    private static async Task ReplyAsync(HttpContext context, bool json, int status, string title, string message)
    {
        if (json)
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsJsonAsync(new SubscribeReply(status == StatusCodes.Status202Accepted ? "pending" : "error", message), SubscriptionJson.Default.SubscribeReply, cancellationToken: context.RequestAborted);
            return;
        }

        await HtmlAsync(context, status, SubscriptionPages.Message(title, SubscriptionPages.E(message)));
    }

    /// <summary>Writes a page with headers that keep it private: no caching, no referrer (the address holds a token), no framing, nothing external.</summary>
    private static Task HtmlAsync(HttpContext context, int status, string html)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.Headers["X-Frame-Options"] = "DENY";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        return response.WriteAsync(html, context.RequestAborted);
    }
}
