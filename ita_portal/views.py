from django.http import HttpResponse

from organisations.models import Organisation


def healthz(request):
    """Liveness for a load balancer, and the benchmarks' baseline: one indexed query."""
    Organisation.objects.filter(code=request.GET.get("org", "")).exists()
    return HttpResponse("ok", content_type="text/plain")
