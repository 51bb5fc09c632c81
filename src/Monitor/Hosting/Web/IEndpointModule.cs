using Microsoft.AspNetCore.Routing;

namespace Monitor.Hosting.Web;

/// <summary>A group of HTTP endpoints served by the service's web server (registered in DI).</summary>
public interface IEndpointModule
{
    void Map(IEndpointRouteBuilder endpoints);
}
