using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MailDsl.Integration.Tests.Clients;

/// <summary>
/// SOGo's own web API, as its Angular front end calls it through nginx over HTTPS: <c>POST /SOGo/connect</c> logs in and
/// sets the session cookie (<c>0xHIGHFLYxSOGo</c>) and the XSRF cookie, whose value every later request echoes in
/// <c>X-XSRF-TOKEN</c>. It trusts exactly the platform's certificate.
/// </summary>
public sealed class SogoClient : IDisposable
{
    /// <summary>SOGo's session cookie.</summary>
    public const string SessionCookie = "0xHIGHFLYxSOGo";

    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _http;
    private readonly Uri _base;

    /// <summary>A client for the HTTPS site at <paramref name="baseUrl"/>.</summary>
    public SogoClient(string baseUrl, Func<System.Security.Cryptography.X509Certificates.X509Certificate?, bool> trust)
    {
        _base = new Uri(baseUrl);
        _http = new HttpClient(new HttpClientHandler
        {
            CookieContainer = _cookies,
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => trust(certificate),
        })
        { Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The cookies SOGo set (for its own path, /SOGo).</summary>
    public CookieCollection Cookies => _cookies.GetCookies(new Uri(_base, "/SOGo/"));

    /// <summary>
    /// Takes <paramref name="other"/>'s cookies (the session and XSRF ones) as its own, as a browser does for every host behind
    /// one VIP: the same cookie, another webmail host.
    /// </summary>
    public void UseCookiesOf(SogoClient other)
    {
        foreach (Cookie cookie in other.Cookies) _cookies.Add(new Uri(_base, "/SOGo/"), new Cookie(cookie.Name, cookie.Value, cookie.Path));
    }

    /// <summary>Logs in; the response is SOGo's (200 with the session cookie, or 403).</summary>
    public Task<HttpResponseMessage> LogInAsync(string user, string password)
        => PostAsync("/SOGo/connect", new { userName = user, password, rememberLogin = 0 });

    /// <summary>POSTs <paramref name="body"/> as JSON to <paramref name="path"/>, with the XSRF header.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, object? body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, path)) { Content = JsonContent.Create(body ?? new { }) };
        return SendAsync(request);
    }

    /// <summary>GETs <paramref name="path"/>, with the XSRF header.</summary>
    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(_base, path)));

    /// <summary>
    /// Saves some of <paramref name="user"/>'s preferences (SOGo's defaults) as its preferences page does: POST
    /// <c>/SOGo/so/USER/Preferences/save</c> with <c>{ "defaults": { ... } }</c>.
    /// </summary>
    public Task<HttpResponseMessage> SaveDefaultsAsync(string user, IReadOnlyDictionary<string, object> defaults)
        => PostAsync($"/SOGo/so/{user}/Preferences/save", new { defaults });

    /// <summary>
    /// The preferences (SOGo's defaults) of the session's user, as its front end reads them, or null when SOGo answers
    /// something else: without a session it answers its login page, with 200.
    /// </summary>
    public async Task<(HttpStatusCode Status, JsonObject? Defaults)> DefaultsAsync(string user)
    {
        using var response = await GetAsync($"/SOGo/so/{user}/Preferences/jsonDefaults");
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK || !body.TrimStart().StartsWith('{')) return (response.StatusCode, null);
        return (response.StatusCode, JsonNode.Parse(body) as JsonObject);
    }

    /// <summary>The subjects in <paramref name="user"/>'s INBOX, as SOGo's message list shows them (newest first).</summary>
    public async Task<(HttpStatusCode Status, string Body)> InboxAsync(string user)
    {
        using var response = await PostAsync($"/SOGo/so/{user}/Mail/0/folderINBOX/view", new { sortingAttributes = new { sort = "arrival", asc = 0 } });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Composes and sends a plain-text message as <paramref name="user"/> from the address <paramref name="from"/>; returns SOGo's answer to the send.</summary>
    public async Task<(HttpStatusCode Status, string Body)> SendAsync(string user, string from, string to, string subject, string text)
    {
        using var compose = await GetAsync($"/SOGo/so/{user}/Mail/0/compose");
        var composed = await compose.Content.ReadAsStringAsync();
        if (!compose.IsSuccessStatusCode) return (compose.StatusCode, composed);
        using var draft = JsonDocument.Parse(composed);
        var mailbox = draft.RootElement.GetProperty("mailboxPath").GetString();
        var id = draft.RootElement.GetProperty("draftId").GetString();
        using var send = await PostAsync($"/SOGo/so/{user}/Mail/0/folder{mailbox}/{id}/send",
            new { from, to = new[] { to }, subject, text, isHTML = false });
        return (send.StatusCode, await send.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (Cookies["XSRF-TOKEN"] is { } xsrf) request.Headers.Add("X-XSRF-TOKEN", xsrf.Value);
        return _http.SendAsync(request);
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();
}
