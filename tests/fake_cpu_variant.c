/* A stand-in llama.cpp CPU variant for tests/test_cpu_variant.py: what a machine that reports instructions it will
 * not run looks like to Chinwag.
 *
 * It scores above every real variant, loads like one (it hands out a real variant's backend, named by the
 * environment variable CHINWAG_FAKE_VARIANT_REAL), and one-token evaluations work; the first graph that multiplies a
 * batch of more than one row dies with SIGILL, as llama.cpp's AMX kernels did on a virtual machine that reported
 * AMX. The structures below are the prefixes of ggml's backend interfaces in llama-cpp-python 0.3.36's vendored
 * ggml (ggml-backend-impl.h, ggml-impl.h, ggml.h); the test checks that the stand-in is really chosen first and
 * really crashes, so a layout change shows up as a failing test rather than a silent pass.
 */
#include <dlfcn.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void *(*get_device_fn)(void *reg, size_t index);
typedef void *(*init_backend_fn)(void *dev, const char *params);
typedef int (*graph_compute_fn)(void *backend, void *cgraph);
typedef const char *(*op_name_fn)(int op);

enum { BACKEND_GRAPH_COMPUTE = 1 + 12 }; /* struct ggml_backend: guid, then iface; graph_compute is iface[12] */
enum { DEVICE_INIT_BACKEND = 5 };        /* struct ggml_backend_device_i: init_backend is the sixth entry */

struct cgraph_prefix { int size; int n_nodes; int n_leafs; void **nodes; };
struct tensor_prefix { int type; void *buffer; int64_t ne[4]; uint64_t nb[4]; int op; };

static init_backend_fn real_init_backend;
static graph_compute_fn real_graph_compute;
static op_name_fn op_name;

int ggml_backend_score(void) { return 1 << 24; }

static int trapping_graph_compute(void *backend, void *graph) {
    struct cgraph_prefix *g = graph;
    for (int i = 0; i < g->n_nodes; i++) {
        struct tensor_prefix *t = g->nodes[i];
        if (t->ne[1] > 1 && op_name != NULL && strcmp(op_name(t->op), "MUL_MAT") == 0) {
            raise(SIGILL); /* the instruction this "CPU" will not run */
        }
    }
    return real_graph_compute(backend, graph);
}

static void *wrapping_init_backend(void *dev, const char *params) {
    void **backend = real_init_backend(dev, params);
    if (backend != NULL) {
        real_graph_compute = (graph_compute_fn) backend[BACKEND_GRAPH_COMPUTE];
        backend[BACKEND_GRAPH_COMPUTE] = (void *) trapping_graph_compute;
    }
    return backend;
}

void *ggml_backend_init(void) {
    const char *real = getenv("CHINWAG_FAKE_VARIANT_REAL");
    void *lib = real ? dlopen(real, RTLD_NOW | RTLD_LOCAL) : NULL;
    if (lib == NULL) {
        fprintf(stderr, "fake CPU variant: CHINWAG_FAKE_VARIANT_REAL does not name a loadable variant\n");
        return NULL;
    }
    void *(*init)(void) = (void *(*)(void)) dlsym(lib, "ggml_backend_init");
    op_name = (op_name_fn) dlsym(RTLD_DEFAULT, "ggml_op_name");
    void *reg = init ? init() : NULL;
    if (reg == NULL) {
        return NULL;
    }
    /* struct ggml_backend_reg: int api_version, then iface {get_name, get_device_count, get_device, ...} */
    get_device_fn get_device = ((get_device_fn *) ((char *) reg + sizeof(void *)))[2];
    void **device = get_device(reg, 0);
    real_init_backend = (init_backend_fn) device[DEVICE_INIT_BACKEND];
    device[DEVICE_INIT_BACKEND] = (void *) wrapping_init_backend;
    return reg;
}
