using System.Text;
using MailDsl.Hosting;
using Xunit;

namespace MailDsl.Generators.Tests.Hosting;

/// <summary>
/// How <c>probe</c> reads the HTTP answers of the webmail (its own HTTP/1.1 client, on the connection it dialled): the
/// status, Location and HSTS headers, a body sent chunked (nginx proxying sogod) or by length, and an answer that is none.
/// </summary>
public sealed class HttpParseTests
{
    [Fact]
    public void A_chunked_body_is_joined_so_a_marker_split_across_chunks_is_found()
    {
        var answer = HttpParse.Answer("/SOGo/", Bytes("HTTP/1.1 200 OK\r\nServer: nginx\r\nTransfer-Encoding: chunked\r\n"
            + "Strict-Transport-Security: max-age=63072000\r\n\r\n"
            + "10\r\n<body ng-app=\"SO\r\n6;ext=1\r\nGo.Mai\r\n6\r\nnUI\">x\r\n0\r\n\r\n"), 1024);
        Assert.Null(answer.Failure);
        Assert.Equal(200, answer.Status);
        Assert.Equal("max-age=63072000", answer.StrictTransportSecurity);
        Assert.Equal("<body ng-app=\"SOGo.MainUI\">x", answer.Body);
    }

    [Fact]
    public void A_redirect_has_its_location_and_a_body_by_length_stops_at_the_length()
    {
        var answer = HttpParse.Answer("/SOGo/?x=1", Bytes("HTTP/1.1 301 Moved Permanently\r\nlocation: https://web1.example.org/SOGo/?x=1\r\nContent-Length: 5\r\n\r\nhelloEXTRA"), 1024);
        Assert.Equal((301, "https://web1.example.org/SOGo/?x=1", (string?)null, "hello"), (answer.Status, answer.Location, answer.StrictTransportSecurity, answer.Body));
    }

    [Fact]
    public void Two_hsts_headers_are_both_reported_and_the_body_is_cut_at_the_limit()
    {
        var answer = HttpParse.Answer("/", Bytes("HTTP/1.1 200 OK\r\nStrict-Transport-Security: max-age=1\r\nStrict-Transport-Security: max-age=2\r\n\r\n0123456789"), 4);
        Assert.Equal("max-age=1, max-age=2", answer.StrictTransportSecurity);
        Assert.Equal("0123", answer.Body);
    }

    [Theory]
    [InlineData("", "the server closed the connection")]
    [InlineData("HTTP/1.1 200 OK\r\nServer: half", "the headers never ended")]
    [InlineData("SSH-2.0-OpenSSH_9.2\r\n\r\n", "'SSH-2.0-OpenSSH_9.2'")]
    public void What_is_not_an_http_answer_says_so(string received, string why)
    {
        var answer = HttpParse.Answer("/", Bytes(received), 1024);
        Assert.Equal(0, answer.Status);
        Assert.Equal("no HTTP answer: " + why, answer.Failure);
    }

    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);
}
