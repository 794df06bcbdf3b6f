/*
 * styra.sie._kernel: the voucher blocks of a SIE 4 file summed in C.
 *
 * The pure-Python path (ledger.py, fastpath.py) is the reference; this kernel reads only
 * the vouchers that path would read entirely on its byte-level fast path, with the very
 * same byte rules, and leaves every other voucher to Python untouched:
 *
 *   #VER <plain series> <plain number> <YYYYMMDD> ...    (fast start, ledger._fast_start)
 *   {                                                    (alone on its line)
 *   #TRANS <account> {<objects>} <amount> [<date>] ...   (fastpath.FastTables.rows)
 *   }
 *
 * A voucher is taken whole or not at all: its rows are staged and added to the totals only
 * when the block closed, every row was read, the voucher balances, holds at least one row
 * and its number is new. Otherwise nothing is changed and the scan stops at its #VER line,
 * so Python reads it (and reports whatever is wrong) exactly as without the kernel.
 *
 * What needs Python's judgement is asked once per distinct spelling through the host
 * (``Ledger``): a voucher date (``kernel_day``), an account prefix (``kernel_prefix``), an
 * object list (``kernel_objects``), a voucher series (``kernel_series``) and a voucher
 * number that is not a small canonical integer (``kernel_number``). The host keeps its own
 * records of first use, so nothing about problems or lines lives here.
 *
 * Safety: every read is bounded by the buffer's length; a line is at most MAX_LINE bytes
 * (longer ones are Python's, which knows the lexer's limits); amounts have at most
 * MAX_DIGITS digits and the sum of all absolute amounts ever added stays below 2^62, so no
 * int64 sum can overflow; every allocation and every Python call is checked.
 */
#define Py_LIMITED_API 0x030B0000
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define MAX_LINE 4096 /* lexer.MAX_FIELD_BYTES: a longer line goes through bounded_lines */
#define MAX_DIGITS 15 /* |öre| < 10^17 per row */
#define MAGNITUDE_LIMIT ((uint64_t)1 << 62)
#define BITMAP_LIMIT 134217728 /* numbers._BITMAP_LIMIT, 1 << 27 */
#define NO_OBJECTS UINT32_MAX
#define MAX_ENTRIES 0x7ffffff0u

/* -- bytes ------------------------------------------------------------------------------ */

static inline int is_space(unsigned char c)
{
    /* Python's bytes.split() and bytes.strip() whitespace */
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

typedef struct {
    const unsigned char *p;
    Py_ssize_t n;
} Span;

static Span strip(Span s)
{
    while (s.n > 0 && is_space(s.p[0])) {
        s.p++;
        s.n--;
    }
    while (s.n > 0 && is_space(s.p[s.n - 1]))
        s.n--;
    return s;
}

/* The next whitespace-separated token of *rest (bytes.split(None) semantics); 0 if none. */
static int next_token(Span *rest, Span *token)
{
    Py_ssize_t i = 0;
    while (i < rest->n && is_space(rest->p[i]))
        i++;
    if (i == rest->n) {
        rest->p += i;
        rest->n = 0;
        return 0;
    }
    Py_ssize_t j = i;
    while (j < rest->n && !is_space(rest->p[j]))
        j++;
    token->p = rest->p + i;
    token->n = j - i;
    rest->p += j;
    rest->n -= j;
    return 1;
}

static int has_byte(Span s, unsigned char c)
{
    return s.n > 0 && memchr(s.p, c, (size_t)s.n) != NULL;
}

static int is_ascii(Span s)
{
    for (Py_ssize_t i = 0; i < s.n; i++)
        if (s.p[i] & 0x80)
            return 0;
    return 1;
}

static int equals(Span s, const char *text)
{
    size_t n = strlen(text);
    return (size_t)s.n == n && memcmp(s.p, text, n) == 0;
}

/* ledger._plain, for ASCII fields only (their text is the same in every encoding read). */
static int plain(Span field, Span *out)
{
    if (field.n >= 1 && field.p[0] == '"') {
        if (field.n < 2 || field.p[field.n - 1] != '"')
            return 0;
        Span inner = {field.p + 1, field.n - 2};
        if (has_byte(inner, '"') || has_byte(inner, '\\'))
            return 0;
        *out = inner;
    }
    else {
        if (has_byte(field, '"') || has_byte(field, '\\'))
            return 0;
        *out = field;
    }
    return is_ascii(*out);
}

/* The amount as FastTables.rows reads it: int(amount) * 100, or with exactly two decimals
 * int(amount without its point); no "_" or "+". 0 when Python must look at it. */
static int parse_cents(Span a, int64_t *out)
{
    if (has_byte(a, '_') || has_byte(a, '+'))
        return 0;
    int decimals = a.n >= 3 && a.p[a.n - 3] == '.';
    Py_ssize_t i = 0;
    int negative = 0;
    if (i < a.n && a.p[i] == '-') {
        negative = 1;
        i++;
    }
    int64_t value = 0;
    int digits = 0;
    for (; i < a.n; i++) {
        unsigned char c = a.p[i];
        if (decimals && i == a.n - 3)
            continue; /* the point, removed; any other point fails below */
        if (c < '0' || c > '9')
            return 0;
        if (++digits > MAX_DIGITS)
            return 0;
        value = value * 10 + (c - '0');
    }
    if (digits == 0)
        return 0;
    if (!decimals)
        value *= 100;
    *out = negative ? -value : value;
    return 1;
}

/* One line from pos: [start, end) with its line break; 0 when there is no complete line
 * of at most MAX_LINE bytes (bounded_lines yields such a line unchanged). */
static int next_line(const unsigned char *buf, Py_ssize_t len, Py_ssize_t pos, Span *line)
{
    if (pos < 0 || pos >= len)
        return 0;
    Py_ssize_t avail = len - pos;
    if (avail > MAX_LINE)
        avail = MAX_LINE;
    const unsigned char *nl = memchr(buf + pos, '\n', (size_t)avail);
    if (nl == NULL)
        return 0;
    line->p = buf + pos;
    line->n = (nl - (buf + pos)) + 1;
    return 1;
}

static uint64_t hash_bytes(const unsigned char *p, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t)n;
    while (n >= 8) {
        uint64_t v;
        memcpy(&v, p, 8);
        h = (h ^ v) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
        p += 8;
        n -= 8;
    }
    uint64_t v = 0;
    if (n)
        memcpy(&v, p, n);
    h = (h ^ v) * 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 29;
    return h;
}

/* -- interned spellings: bytes -> id, with Python's verdict --------------------------- */

typedef struct {
    size_t off;
    uint32_t len;
    int32_t a, b;  /* days: month slot and year slot */
    int admitted;
    PyObject *obj; /* owned: account str, object list tuple, bits bytearray, series str */
    PyObject *extra; /* owned: the series as str (series table) */
    uint64_t hash;
} Entry;

typedef struct {
    unsigned char *arena;
    size_t arena_len, arena_cap;
    Entry *entries;
    uint32_t n, cap;
    uint32_t *slots; /* 0 empty, else id + 1 */
    size_t nslots;   /* a power of two, or 0 */
} Intern;

static void intern_free(Intern *t)
{
    for (uint32_t i = 0; i < t->n; i++) {
        Py_XDECREF(t->entries[i].obj);
        Py_XDECREF(t->entries[i].extra);
    }
    PyMem_Free(t->arena);
    PyMem_Free(t->entries);
    PyMem_Free(t->slots);
    memset(t, 0, sizeof(*t));
}

static int64_t intern_find(const Intern *t, Span s, uint64_t h)
{
    if (t->nslots == 0)
        return -1;
    size_t mask = t->nslots - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        uint32_t slot = t->slots[i];
        if (slot == 0)
            return -1;
        const Entry *e = &t->entries[slot - 1];
        if (e->hash == h && e->len == (uint32_t)s.n &&
            (s.n == 0 || memcmp(t->arena + e->off, s.p, (size_t)s.n) == 0))
            return (int64_t)(slot - 1);
    }
}

static int intern_grow_slots(Intern *t)
{
    size_t nslots = t->nslots ? t->nslots * 2 : 64;
    if (nslots > ((size_t)PY_SSIZE_T_MAX / sizeof(uint32_t)))
        return -1;
    uint32_t *slots = PyMem_Calloc(nslots, sizeof(uint32_t));
    if (slots == NULL)
        return -1;
    size_t mask = nslots - 1;
    for (uint32_t id = 0; id < t->n; id++) {
        size_t i = (size_t)t->entries[id].hash & mask;
        while (slots[i] != 0)
            i = (i + 1) & mask;
        slots[i] = id + 1;
    }
    PyMem_Free(t->slots);
    t->slots = slots;
    t->nslots = nslots;
    return 0;
}

/* Adds a spelling (not present) with a new reference to obj; the id, or -1 (MemoryError). */
static int64_t intern_add(Intern *t, Span s, uint64_t h, PyObject *obj, int admitted)
{
    if (t->n >= MAX_ENTRIES || (size_t)s.n > UINT32_MAX) {
        PyErr_NoMemory();
        return -1;
    }
    if ((size_t)(t->n + 1) * 2 > t->nslots && intern_grow_slots(t) < 0) {
        PyErr_NoMemory();
        return -1;
    }
    if (t->n == t->cap) {
        uint32_t cap = t->cap ? t->cap * 2 : 64;
        Entry *entries = PyMem_Realloc(t->entries, (size_t)cap * sizeof(Entry));
        if (entries == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        t->entries = entries;
        t->cap = cap;
    }
    if (t->arena_len + (size_t)s.n > t->arena_cap) {
        size_t cap = t->arena_cap ? t->arena_cap : 4096;
        while (cap < t->arena_len + (size_t)s.n) {
            if (cap > ((size_t)PY_SSIZE_T_MAX / 2)) {
                PyErr_NoMemory();
                return -1;
            }
            cap *= 2;
        }
        unsigned char *arena = PyMem_Realloc(t->arena, cap);
        if (arena == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        t->arena = arena;
        t->arena_cap = cap;
    }
    if (s.n)
        memcpy(t->arena + t->arena_len, s.p, (size_t)s.n);
    Entry *e = &t->entries[t->n];
    e->off = t->arena_len;
    e->len = (uint32_t)s.n;
    e->a = e->b = 0;
    e->admitted = admitted;
    e->hash = h;
    Py_XINCREF(obj);
    e->obj = obj;
    e->extra = NULL;
    t->arena_len += (size_t)s.n;
    size_t mask = t->nslots - 1;
    size_t i = (size_t)h & mask;
    while (t->slots[i] != 0)
        i = (i + 1) & mask;
    t->slots[i] = t->n + 1;
    return (int64_t)t->n++;
}

/* -- sums: (a, b, c) -> int64 öre ------------------------------------------------------ */

/* A key packs (slot, account id, object list id) into 64 bits, so a cell is 16 bytes and
 * the table of a few hundred thousand totals stays in the cache; a voucher whose ids do not
 * fit is Python's. 0 marks an empty cell (keys are stored plus one). */
#define SLOT_BITS 12
#define ID_BITS 26
#define FITS(slot, prefix, objects)                                                          \
    ((slot) < (1u << SLOT_BITS) && (prefix) < (1u << ID_BITS) &&                             \
     ((objects) == NO_OBJECTS || (objects) < (1u << ID_BITS)))

typedef struct {
    uint64_t key;
    int64_t sum;
} Cell;

static uint64_t pack(uint32_t a, uint32_t b, uint32_t c)
{
    uint64_t objects = c == NO_OBJECTS ? 0 : (uint64_t)c + 1;
    return (((uint64_t)a << (2 * ID_BITS)) | ((uint64_t)b << ID_BITS) | objects) + 1;
}

static void unpack(uint64_t key, uint32_t *a, uint32_t *b, uint32_t *c)
{
    key -= 1;
    uint64_t mask = ((uint64_t)1 << ID_BITS) - 1;
    uint64_t objects = key & mask;
    *a = (uint32_t)(key >> (2 * ID_BITS));
    *b = (uint32_t)((key >> ID_BITS) & mask);
    *c = objects == 0 ? NO_OBJECTS : (uint32_t)(objects - 1);
}

typedef struct {
    Cell *cells;
    size_t cap; /* a power of two, or 0 */
    size_t n;
} Sums;

static uint64_t cell_hash(uint64_t key)
{
    uint64_t h = key * 0x9E3779B97F4A7C15ull;
    h ^= h >> 31;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 29;
    return h;
}

static int sums_resize(Sums *s, size_t cap)
{
    if (cap > ((size_t)PY_SSIZE_T_MAX / sizeof(Cell)))
        return -1;
    Cell *cells = PyMem_Calloc(cap, sizeof(Cell));
    if (cells == NULL)
        return -1;
    size_t mask = cap - 1;
    for (size_t i = 0; i < s->cap; i++) {
        Cell *old = &s->cells[i];
        if (old->key == 0)
            continue;
        size_t j = (size_t)cell_hash(old->key) & mask;
        while (cells[j].key != 0)
            j = (j + 1) & mask;
        cells[j] = *old;
    }
    PyMem_Free(s->cells);
    s->cells = cells;
    s->cap = cap;
    return 0;
}

/* Room for `extra` new cells at a load of at most one half. */
static int sums_reserve(Sums *s, size_t extra)
{
    size_t cap = s->cap ? s->cap : 1024;
    if (extra > ((size_t)PY_SSIZE_T_MAX / 4) - s->n)
        return -1;
    while ((s->n + extra) * 2 > cap)
        cap *= 2;
    return cap == s->cap ? 0 : sums_resize(s, cap);
}

/* The cell for the key, created when missing: room must have been reserved. */
static Cell *sums_at(Sums *s, uint64_t key)
{
    size_t mask = s->cap - 1;
    for (size_t i = (size_t)cell_hash(key) & mask;; i = (i + 1) & mask) {
        Cell *cell = &s->cells[i];
        if (cell->key == 0) {
            cell->key = key;
            cell->sum = 0;
            s->n++;
            return cell;
        }
        if (cell->key == key)
            return cell;
    }
}

/* -- the scanner ------------------------------------------------------------------------ */

typedef struct {
    uint32_t slot, yslot, prefix, objects;
    int64_t cents;
} Staged;

typedef struct {
    PyObject_HEAD
    Intern days, prefixes, objects, series;
    Sums months, heads;
    Staged *staged;
    size_t nstaged, staged_cap;
    uint64_t magnitude;
} Scanner;

static void scanner_clear_tables(Scanner *self)
{
    intern_free(&self->days);
    intern_free(&self->prefixes);
    intern_free(&self->objects);
    intern_free(&self->series);
    PyMem_Free(self->months.cells);
    PyMem_Free(self->heads.cells);
    memset(&self->months, 0, sizeof(Sums));
    memset(&self->heads, 0, sizeof(Sums));
    PyMem_Free(self->staged);
    self->staged = NULL;
    self->nstaged = self->staged_cap = 0;
}

static void scanner_dealloc(PyObject *op)
{
    Scanner *self = (Scanner *)op;
    PyTypeObject *type = Py_TYPE(op);
    scanner_clear_tables(self);
    freefunc tp_free = (freefunc)PyType_GetSlot(type, Py_tp_free);
    tp_free(op);
    Py_DECREF(type);
}

static PyObject *scanner_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    if (PyTuple_Size(args) != 0 || (kwds != NULL && PyDict_Size(kwds) != 0)) {
        PyErr_SetString(PyExc_TypeError, "Scanner() takes no arguments");
        return NULL;
    }
    allocfunc tp_alloc = (allocfunc)PyType_GetSlot(type, Py_tp_alloc);
    Scanner *self = (Scanner *)tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    /* tp_alloc zero-fills the object: every table starts empty */
    return (PyObject *)self;
}

/* Python's verdict on a spelling, asked once: the entry id, or -1 with an exception.
 * `kind` names the host method; the result must be None or of the expected type. */
static int64_t verdict(Intern *t, Span s, PyObject *host, const char *method, PyObject *arg2,
                       int (*check)(PyObject *))
{
    uint64_t h = hash_bytes(s.p, (size_t)s.n);
    int64_t id = intern_find(t, s, h);
    if (id >= 0)
        return id;
    PyObject *key = PyBytes_FromStringAndSize((const char *)s.p, s.n);
    if (key == NULL)
        return -1;
    PyObject *found = arg2 == NULL ? PyObject_CallMethod(host, method, "O", key)
                                   : PyObject_CallMethod(host, method, "OO", key, arg2);
    Py_DECREF(key);
    if (found == NULL)
        return -1;
    int admitted = found != Py_None;
    if (admitted && !check(found)) {
        PyErr_Format(PyExc_TypeError, "%s returned an unexpected value", method);
        Py_DECREF(found);
        return -1;
    }
    id = intern_add(t, s, h, admitted ? found : NULL, admitted);
    Py_DECREF(found);
    return id;
}

static int is_str(PyObject *o) { return PyUnicode_Check(o); }
static int is_tuple(PyObject *o) { return PyTuple_Check(o); }
static int is_bytearray(PyObject *o) { return PyByteArray_Check(o); }

static int is_day(PyObject *o)
{
    return PyTuple_Check(o) && PyTuple_Size(o) == 2 && PyLong_Check(PyTuple_GetItem(o, 0)) &&
           PyLong_Check(PyTuple_GetItem(o, 1));
}

static int slot_of(PyObject *o, uint32_t *out)
{
    long v = PyLong_AsLong(o);
    if (v == -1 && PyErr_Occurred())
        return -1;
    if (v < 0 || v >= (long)MAX_ENTRIES) {
        PyErr_SetString(PyExc_ValueError, "slot out of range");
        return -1;
    }
    *out = (uint32_t)v;
    return 0;
}

/* The day's (month slot, year slot): 1 found, 0 refused, -1 error. */
static int day_slots(Scanner *self, PyObject *host, Span day, uint32_t *slot, uint32_t *yslot)
{
    int64_t id = verdict(&self->days, day, host, "kernel_day", NULL, is_day);
    if (id < 0)
        return -1;
    Entry *e = &self->days.entries[id];
    if (!e->admitted)
        return 0;
    if (e->a == 0 && e->b == 0 && e->obj != NULL) {
        uint32_t s, y;
        if (slot_of(PyTuple_GetItem(e->obj, 0), &s) < 0 || slot_of(PyTuple_GetItem(e->obj, 1), &y) < 0)
            return -1;
        e->a = (int32_t)s + 1; /* stored plus one: 0 means not yet read */
        e->b = (int32_t)y + 1;
    }
    *slot = (uint32_t)(e->a - 1);
    *yslot = (uint32_t)(e->b - 1);
    return 1;
}

static int stage(Scanner *self, Staged row)
{
    if (self->nstaged == self->staged_cap) {
        size_t cap = self->staged_cap ? self->staged_cap * 2 : 64;
        if (cap > ((size_t)PY_SSIZE_T_MAX / sizeof(Staged)))
            return -1;
        Staged *staged = PyMem_Realloc(self->staged, cap * sizeof(Staged));
        if (staged == NULL)
            return -1;
        self->staged = staged;
        self->staged_cap = cap;
    }
    self->staged[self->nstaged++] = row;
    return 0;
}

typedef struct {
    uint32_t slot, yslot;
    Span vmonth, series, number;
    int64_t ore;
    uint64_t magnitude;
    Py_ssize_t lines, rows;
} Voucher;

/* One row line inside the block: 1 staged, 2 the closing brace, 0 Python's, -1 error. */
static int row(Scanner *self, PyObject *host, Span line, Voucher *v, PyObject *lineno)
{
    const unsigned char *close = memchr(line.p, '}', (size_t)line.n);
    Py_ssize_t head_n = close ? close - line.p : line.n;
    const unsigned char *open = head_n > 0 ? memchr(line.p, '{', (size_t)head_n) : NULL;
    if (open == NULL)
        return equals(strip(line), "}") ? 2 : 0;
    if (close == NULL)
        return 0; /* no amount after the list */
    Span prefix = {line.p, open - line.p};
    Span objs = {open + 1, close - (open + 1)};
    Span tail = {close + 1, line.n - (close + 1 - line.p)};
    Span amount, date;
    int64_t cents;
    if (!next_token(&tail, &amount) || !parse_cents(amount, &cents))
        return 0;
    if (next_token(&tail, &date) && !(date.n >= 6 && memcmp(date.p, v->vmonth.p, 6) == 0) &&
        !equals(date, "\"\""))
        return 0;
    uint32_t objects = NO_OBJECTS;
    if (objs.n > 0) { /* the head: its object list first, then its account (_admit_head) */
        int64_t id = verdict(&self->objects, objs, host, "kernel_objects", lineno, is_tuple);
        if (id < 0)
            return -1;
        if (!self->objects.entries[id].admitted)
            return 0;
        objects = (uint32_t)id;
    }
    int64_t account = verdict(&self->prefixes, prefix, host, "kernel_prefix", lineno, is_str);
    if (account < 0)
        return -1;
    if (!self->prefixes.entries[account].admitted)
        return 0;
    if (!FITS(v->slot, (uint32_t)account, objects) || !FITS(v->yslot, (uint32_t)account, objects))
        return 0;
    uint64_t size = (uint64_t)(cents < 0 ? -cents : cents);
    v->magnitude += size;
    if (v->magnitude >= MAGNITUDE_LIMIT)
        return 0;
    v->ore += cents;
    v->rows++;
    Staged staged = {v->slot, v->yslot, (uint32_t)account, objects, cents};
    return stage(self, staged) < 0 ? (PyErr_NoMemory(), -1) : 1;
}

/* The voucher number is new (and now recorded): 1, already there: 0, error: -1. */
static int number_is_new(Scanner *self, PyObject *host, Voucher *v)
{
    Span number = v->number;
    if (number.n == 0)
        return 1; /* VoucherNumbers.add ignores an empty number */
    int64_t id = verdict(&self->series, v->series, host, "kernel_series", NULL, is_bytearray);
    if (id < 0)
        return -1;
    Entry *e = &self->series.entries[id];
    int canonical = number.n <= 9 && (number.n == 1 || number.p[0] != '0');
    uint32_t value = 0;
    for (Py_ssize_t i = 0; canonical && i < number.n; i++) {
        if (number.p[i] < '0' || number.p[i] > '9')
            canonical = 0;
        else
            value = value * 10 + (uint32_t)(number.p[i] - '0');
    }
    if (canonical && value < BITMAP_LIMIT && e->obj != NULL) {
        Py_ssize_t size = PyByteArray_Size(e->obj);
        char *bits = PyByteArray_AsString(e->obj);
        Py_ssize_t index = (Py_ssize_t)(value >> 3);
        unsigned char mask = (unsigned char)(1u << (value & 7));
        if (size >= 0 && bits != NULL && index < size) {
            if ((unsigned char)bits[index] & mask)
                return 0;
            bits[index] = (char)((unsigned char)bits[index] | mask);
            return 1;
        }
    }
    /* any other number, or a bitmap too short: Python's own VoucherNumbers.add */
    PyObject *series = PyUnicode_FromStringAndSize((const char *)v->series.p, v->series.n);
    if (series == NULL)
        return -1;
    PyObject *text = PyUnicode_FromStringAndSize((const char *)number.p, number.n);
    if (text == NULL) {
        Py_DECREF(series);
        return -1;
    }
    PyObject *added = PyObject_CallMethod(host, "kernel_number", "OO", series, text);
    Py_DECREF(series);
    Py_DECREF(text);
    if (added == NULL)
        return -1;
    int result = PyObject_IsTrue(added);
    Py_DECREF(added);
    return result;
}

static void commit(Scanner *self)
{
    for (size_t i = 0; i < self->nstaged; i++) {
        Staged *r = &self->staged[i];
        sums_at(&self->months, pack(r->slot, r->prefix, NO_OBJECTS))->sum += r->cents;
        if (r->objects != NO_OBJECTS)
            sums_at(&self->heads, pack(r->yslot, r->prefix, r->objects))->sum += r->cents;
    }
}

/* The voucher at pos: 1 read and added (*end after its "}" line), 0 Python's, -1 error. */
static int voucher(Scanner *self, PyObject *host, const unsigned char *buf, Py_ssize_t len,
                   Py_ssize_t pos, Py_ssize_t first_line, Py_ssize_t *end, Voucher *v)
{
    Span line, rest, parts[4];
    if (!next_line(buf, len, pos, &line))
        return 0;
    rest = line;
    for (int i = 0; i < 4; i++)
        if (!next_token(&rest, &parts[i]))
            return 0;
    if (!equals(parts[0], "#VER") || !plain(parts[1], &v->series) || !plain(parts[2], &v->number))
        return 0;
    if (parts[3].n != 8)
        return 0;
    int found = day_slots(self, host, parts[3], &v->slot, &v->yslot);
    if (found <= 0)
        return found;
    v->vmonth.p = parts[3].p;
    v->vmonth.n = 6;
    v->ore = 0;
    v->magnitude = 0;
    v->rows = 0;
    v->lines = 1;
    pos += line.n;
    if (!next_line(buf, len, pos, &line) || !equals(strip(line), "{"))
        return 0;
    pos += line.n;
    v->lines++;
    self->nstaged = 0;
    PyObject *lineno = PyLong_FromSsize_t(first_line);
    if (lineno == NULL)
        return -1;
    int state;
    for (;;) {
        if (!next_line(buf, len, pos, &line)) {
            state = 0;
            break;
        }
        pos += line.n;
        v->lines++;
        state = row(self, host, line, v, lineno);
        if (state != 1)
            break;
    }
    Py_DECREF(lineno);
    if (state != 2)
        return state; /* 0 or -1 */
    if (v->rows == 0 || v->ore != 0 || self->magnitude + v->magnitude >= MAGNITUDE_LIMIT)
        return 0;
    if (sums_reserve(&self->months, self->nstaged) < 0 || sums_reserve(&self->heads, self->nstaged) < 0) {
        PyErr_NoMemory();
        return -1;
    }
    int fresh = number_is_new(self, host, v);
    if (fresh <= 0)
        return fresh;
    commit(self);
    self->magnitude += v->magnitude;
    *end = pos;
    return 1;
}

static PyObject *scanner_run(PyObject *op, PyObject *args)
{
    Scanner *self = (Scanner *)op;
    PyObject *data, *host;
    Py_ssize_t start, lineno;
    if (!PyArg_ParseTuple(args, "O!nnO", &PyBytes_Type, &data, &start, &lineno, &host))
        return NULL;
    char *raw;
    Py_ssize_t len;
    if (PyBytes_AsStringAndSize(data, &raw, &len) < 0)
        return NULL;
    if (start < 0 || start > len) {
        PyErr_SetString(PyExc_ValueError, "start outside the data");
        return NULL;
    }
    const unsigned char *buf = (const unsigned char *)raw;
    Py_ssize_t pos = start, lines = 0, vouchers = 0, rows = 0;
    for (;;) {
        Voucher v;
        Py_ssize_t end = pos;
        int r = voucher(self, host, buf, len, pos, lineno + lines, &end, &v);
        if (r < 0)
            return NULL;
        if (r == 0)
            break;
        pos = end;
        lines += v.lines;
        vouchers++;
        rows += v.rows;
    }
    return Py_BuildValue("nnnn", pos - start, lines, vouchers, rows);
}

/* -- handing over ----------------------------------------------------------------------- */

/* table[key] += value (Python ints); key and value are not stolen. With `unique`, no two
 * ids name the same account or object list, so every key is new. */
static int add_to(PyObject *table, PyObject *key, PyObject *value, int unique)
{
    if (unique)
        return PyDict_SetItem(table, key, value);
    PyObject *old = PyDict_GetItemWithError(table, key);
    if (old == NULL) {
        if (PyErr_Occurred())
            return -1;
        return PyDict_SetItem(table, key, value);
    }
    PyObject *sum = PyNumber_Add(old, value);
    if (sum == NULL)
        return -1;
    int r = PyDict_SetItem(table, key, sum);
    Py_DECREF(sum);
    return r;
}

/* Removes the entries whose value is 0 (two spellings of one key that cancel). */
static int drop_zeros(PyObject *table)
{
    PyObject *zero = PyLong_FromLong(0);
    if (zero == NULL)
        return -1;
    PyObject *gone = PyList_New(0);
    if (gone == NULL) {
        Py_DECREF(zero);
        return -1;
    }
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    int r = 0;
    while (r == 0 && PyDict_Next(table, &pos, &key, &value)) {
        int eq = PyObject_RichCompareBool(value, zero, Py_EQ);
        if (eq < 0 || (eq && PyList_Append(gone, key) < 0))
            r = -1;
    }
    for (Py_ssize_t i = 0; r == 0 && i < PyList_Size(gone); i++)
        if (PyDict_DelItem(table, PyList_GetItem(gone, i)) < 0)
            r = -1;
    Py_DECREF(gone);
    Py_DECREF(zero);
    return r;
}

static PyObject *item_of(PyObject *list, uint32_t index)
{
    if ((Py_ssize_t)index >= PyList_Size(list)) {
        PyErr_SetString(PyExc_IndexError, "slot without a value");
        return NULL;
    }
    return PyList_GetItem(list, (Py_ssize_t)index); /* borrowed */
}

static int month_totals(Scanner *self, PyObject *periods, PyObject *table, int unique)
{
    for (size_t i = 0; i < self->months.cap; i++) {
        Cell *c = &self->months.cells[i];
        if (c->key == 0 || c->sum == 0)
            continue;
        uint32_t slot, prefix, unused;
        unpack(c->key, &slot, &prefix, &unused);
        PyObject *period = item_of(periods, slot);
        if (period == NULL || prefix >= self->prefixes.n)
            return period == NULL ? -1 : (PyErr_SetString(PyExc_IndexError, "account id"), -1);
        PyObject *account = self->prefixes.entries[prefix].obj;
        if (account == NULL)
            continue;
        PyObject *key = PyTuple_Pack(2, account, period);
        PyObject *value = key ? PyLong_FromLongLong(c->sum) : NULL;
        int r = value ? add_to(table, key, value, unique) : -1;
        Py_XDECREF(key);
        Py_XDECREF(value);
        if (r < 0)
            return -1;
    }
    return unique ? 0 : drop_zeros(table);
}

static int object_totals(Scanner *self, PyObject *years, PyObject *table, int unique)
{
    for (size_t i = 0; i < self->heads.cap; i++) {
        Cell *c = &self->heads.cells[i];
        if (c->key == 0 || c->sum == 0)
            continue;
        uint32_t yslot, prefix, list;
        unpack(c->key, &yslot, &prefix, &list);
        PyObject *year = item_of(years, yslot);
        if (year == NULL)
            return -1;
        if (prefix >= self->prefixes.n || list >= self->objects.n) {
            PyErr_SetString(PyExc_IndexError, "key id");
            return -1;
        }
        PyObject *account = self->prefixes.entries[prefix].obj;
        PyObject *objects = self->objects.entries[list].obj;
        if (year == Py_None || account == NULL || objects == NULL || PyTuple_Size(objects) == 0)
            continue;
        PyObject *key = PyTuple_Pack(3, account, objects, year);
        PyObject *value = key ? PyLong_FromLongLong(c->sum) : NULL;
        int r = value ? add_to(table, key, value, unique) : -1;
        Py_XDECREF(key);
        Py_XDECREF(value);
        if (r < 0)
            return -1;
    }
    return unique ? 0 : drop_zeros(table);
}

/* Whether the admitted values of a table are all distinct (so are the keys built of them). */
static int distinct(Intern *t, int *out)
{
    PyObject *seen = PySet_New(NULL);
    if (seen == NULL)
        return -1;
    Py_ssize_t count = 0;
    for (uint32_t i = 0; i < t->n; i++) {
        if (t->entries[i].obj == NULL)
            continue;
        count++;
        if (PySet_Add(seen, t->entries[i].obj) < 0) {
            Py_DECREF(seen);
            return -1;
        }
    }
    *out = PySet_Size(seen) == count;
    Py_DECREF(seen);
    return 0;
}

static PyObject *scanner_totals(PyObject *op, PyObject *args)
{
    Scanner *self = (Scanner *)op;
    PyObject *periods, *years;
    if (!PyArg_ParseTuple(args, "O!O!", &PyList_Type, &periods, &PyList_Type, &years))
        return NULL;
    int accounts_unique, objects_unique;
    if (distinct(&self->prefixes, &accounts_unique) < 0 || distinct(&self->objects, &objects_unique) < 0)
        return NULL;
    PyObject *months = PyDict_New();
    PyObject *objects = months ? PyDict_New() : NULL;
    if (objects == NULL || month_totals(self, periods, months, accounts_unique) < 0 ||
        object_totals(self, years, objects, accounts_unique && objects_unique) < 0) {
        Py_XDECREF(months);
        Py_XDECREF(objects);
        return NULL;
    }
    PyObject *result = PyTuple_Pack(2, months, objects);
    Py_DECREF(months);
    Py_DECREF(objects);
    return result;
}

static PyObject *scanner_release(PyObject *op, PyObject *unused)
{
    (void)unused;
    scanner_clear_tables((Scanner *)op);
    Py_RETURN_NONE;
}

/* -- per dimension (SieDocument.outcome_by_object) ------------------------------------- */

/* The pair (dimension, object) of an object list entry; borrowed, NULL with an error. */
static int pair_of(PyObject *pair, PyObject **dim, PyObject **obj)
{
    if (!PyTuple_Check(pair) || PyTuple_Size(pair) != 2) {
        PyErr_SetString(PyExc_TypeError, "an object list holds pairs");
        return -1;
    }
    *dim = PyTuple_GetItem(pair, 0);
    *obj = PyTuple_GetItem(pair, 1);
    return 0;
}

static int add_raw(PyObject *totals, PyObject *key, PyObject *amount, PyObject *plus)
{
    PyObject *old = PyDict_GetItemWithError(totals, key);
    if (old == NULL)
        return PyErr_Occurred() ? -1 : PyDict_SetItem(totals, key, amount);
    PyObject *sum = PyLong_CheckExact(old) && PyLong_CheckExact(amount)
                        ? PyNumber_Add(old, amount)
                        : PyObject_CallFunctionObjArgs(plus, old, amount, NULL);
    if (sum == NULL)
        return -1;
    int r = PyDict_SetItem(totals, key, sum);
    Py_DECREF(sum);
    return r;
}

static int by_dimension_entry(PyObject *key, PyObject *amount, PyObject *dimension,
                              PyObject *year, PyObject *plus, PyObject *totals)
{
    if (!PyTuple_Check(key) || PyTuple_Size(key) != 3) {
        PyErr_SetString(PyExc_TypeError, "keys are (account, objects, year)");
        return -1;
    }
    PyObject *account = PyTuple_GetItem(key, 0), *objects = PyTuple_GetItem(key, 1);
    int same = PyObject_RichCompareBool(PyTuple_GetItem(key, 2), year, Py_EQ);
    if (same <= 0)
        return same;
    if (!PyTuple_Check(objects)) {
        PyErr_SetString(PyExc_TypeError, "an object list is a tuple");
        return -1;
    }
    for (Py_ssize_t i = 0; i < PyTuple_Size(objects); i++) {
        PyObject *dim, *obj;
        if (pair_of(PyTuple_GetItem(objects, i), &dim, &obj) < 0)
            return -1;
        int match = PyObject_RichCompareBool(dim, dimension, Py_EQ);
        if (match < 0)
            return -1;
        if (!match)
            continue;
        PyObject *pair = PyTuple_Pack(2, account, obj);
        if (pair == NULL)
            return -1;
        int r = add_raw(totals, pair, amount, plus);
        Py_DECREF(pair);
        if (r < 0)
            return -1;
    }
    return 0;
}

static PyObject *by_dimension(PyObject *module, PyObject *args)
{
    (void)module;
    PyObject *table, *dimension, *year, *plus;
    if (!PyArg_ParseTuple(args, "O!OOO", &PyDict_Type, &table, &dimension, &year, &plus))
        return NULL;
    PyObject *totals = PyDict_New();
    if (totals == NULL)
        return NULL;
    Py_ssize_t pos = 0;
    PyObject *key, *amount;
    while (PyDict_Next(table, &pos, &key, &amount)) {
        Py_INCREF(key); /* the dict is not ours: keep both alive across the calls */
        Py_INCREF(amount);
        int r = by_dimension_entry(key, amount, dimension, year, plus, totals);
        Py_DECREF(key);
        Py_DECREF(amount);
        if (r < 0) {
            Py_DECREF(totals);
            return NULL;
        }
    }
    return totals;
}

/* -- module ----------------------------------------------------------------------------- */

static PyMethodDef scanner_methods[] = {
    {"run", scanner_run, METH_VARARGS,
     "run(data, start, lineno, host) -> (bytes, lines, vouchers, rows) read from data[start:]"},
    {"totals", scanner_totals, METH_VARARGS,
     "totals(periods, years) -> (months, objects): the sums as the ledger's dicts"},
    {"release", scanner_release, METH_NOARGS, "release() frees every table"},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot scanner_slots[] = {
    {Py_tp_new, scanner_new},
    {Py_tp_dealloc, scanner_dealloc},
    {Py_tp_methods, scanner_methods},
    {Py_tp_doc, "The voucher blocks of one SIE file, summed (see the module)."},
    {0, NULL},
};

static PyType_Spec scanner_spec = {
    "styra.sie._kernel.Scanner",
    sizeof(Scanner),
    0,
    Py_TPFLAGS_DEFAULT,
    scanner_slots,
};

static PyMethodDef module_methods[] = {
    {"by_dimension", by_dimension, METH_VARARGS,
     "by_dimension(table, dimension, year, plus) -> {(account, object): amount}"},
    {NULL, NULL, 0, NULL},
};

static int module_exec(PyObject *module)
{
    PyObject *type = PyType_FromSpec(&scanner_spec);
    if (type == NULL)
        return -1;
    if (PyModule_AddObject(module, "Scanner", type) < 0) {
        Py_DECREF(type);
        return -1;
    }
    return PyModule_AddIntConstant(module, "MAX_LINE", MAX_LINE);
}

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, module_exec},
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    "styra.sie._kernel",
    "The SIE voucher kernel (see _kernel.c): the byte-level fast path in C.",
    0,
    module_methods,
    module_slots,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC PyInit__kernel(void)
{
    return PyModuleDef_Init(&module_def);
}
