/* The structure check's typing loop in C, for the facts that pass every check.
 *
 * Why: a filing has some 300 facts, and typing and checking each in Python (its concept's
 * level and type, its context's verdict, its unit, its value parsed) was the largest part
 * of the structure check, itself a fifth of judging a filing. Nearly every fact passes every
 * check; those are typed here. Every fact that does not, or that this code does not know to
 * pass, is handed back untouched, and compliance/model/structure.py types it in Python,
 * finding and all. So what a fact means is decided in one place, the Python code; this is a
 * shortcut for the facts it would keep as they are, and tests/test_typing_compiled.py holds
 * the two to the same answers.
 *
 * type_facts(facts, concepts, contexts, eur_units, pure_units, reported, decimal, max_digits)
 *   facts:      the reader's facts, each the tuple of a RawFact's fields
 *               (concept, context_ref, unit_ref, decimals, nil, text, line, has_elements)
 *   concepts:   concept -> (level, type code, monetary), a code of the first enum below
 *               (exported as STRING to DATE; model/compiled.py maps value types to them)
 *   contexts:   context id -> ContextInfo (a tuple: broken_identity at 7, refusal at 9,
 *               the concept level -> None when a fact of that level may use it)
 *   eur_units, pure_units: the ids of the units whose measure is EUR, and pure
 *   reported:   the Reported class (a tuple of the value and the RawFact's fields)
 *   decimal:    decimal.Decimal
 *   max_digits: the most digits a number may have before the point (model/values.py)
 * returns (typed, pending): typed holds (concept, context, Reported) per fact kept, and None
 * in the place of each fact left to Python; pending holds (place, fields) of those, in the
 * facts' order. A fact in a context with a malformed identity is left out, as in Python.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <datetime.h>

enum { STRING = 0, BOOLEAN = 1, DECIMAL = 2, INTEGER = 3, DATE = 4 };

enum { CONCEPT = 0, CONTEXT_REF = 1, UNIT_REF = 2, NIL = 4, TEXT = 5, HAS_ELEMENTS = 7,
       FIELDS = 8 };

enum { BROKEN_IDENTITY = 7, REFUSAL = 9, CONTEXT_INFO_FIELDS = 11 };

/* Not kept: the fact goes to Python. */
static PyObject *const NOT_KEPT = NULL;

static int is_digit(Py_UCS1 c)
{
    return c >= '0' && c <= '9';
}

/* An amount or decimal as nearly every one is written: ASCII digits with at most one point
 * among or around them, at most max_digits characters in all (so never too long). */
static PyObject *plain_decimal(PyObject *text, Py_ssize_t max_digits, PyObject *decimal)
{
    Py_ssize_t length = PyUnicode_GET_LENGTH(text), i, points = 0;
    const Py_UCS1 *chars;
    if (!PyUnicode_IS_ASCII(text) || length == 0 || length > max_digits)
        return NOT_KEPT;
    chars = PyUnicode_1BYTE_DATA(text);
    for (i = 0; i < length; i++) {
        if (chars[i] == '.')
            points++;
        else if (!is_digit(chars[i]))
            return NOT_KEPT;
    }
    if (points > 1 || length == points)
        return NOT_KEPT;
    return PyObject_CallOneArg(decimal, text);
}

/* An integer of ASCII digits only, at most max_digits of them. */
static PyObject *plain_integer(PyObject *text, Py_ssize_t max_digits)
{
    Py_ssize_t length = PyUnicode_GET_LENGTH(text), i;
    const Py_UCS1 *chars;
    if (!PyUnicode_IS_ASCII(text) || length == 0 || length > max_digits)
        return NOT_KEPT;
    chars = PyUnicode_1BYTE_DATA(text);
    for (i = 0; i < length; i++)
        if (!is_digit(chars[i]))
            return NOT_KEPT;
    return PyLong_FromUnicodeObject(text, 10);
}

static int digits(const Py_UCS1 *chars, int count)
{
    int value = 0, i;
    for (i = 0; i < count; i++) {
        if (!is_digit(chars[i]))
            return -1;
        value = value * 10 + (chars[i] - '0');
    }
    return value;
}

/* YYYY-MM-DD of a day that exists. */
static PyObject *plain_date(PyObject *text)
{
    const Py_UCS1 *chars;
    int year, month, day;
    PyObject *value;
    if (!PyUnicode_IS_ASCII(text) || PyUnicode_GET_LENGTH(text) != 10)
        return NOT_KEPT;
    chars = PyUnicode_1BYTE_DATA(text);
    if (chars[4] != '-' || chars[7] != '-')
        return NOT_KEPT;
    year = digits(chars, 4);
    month = digits(chars + 5, 2);
    day = digits(chars + 8, 2);
    if (year < 1 || month < 1 || day < 1)
        return NOT_KEPT;
    value = PyDate_FromDate(year, month, day);
    if (value == NULL && PyErr_ExceptionMatches(PyExc_ValueError))
        PyErr_Clear(); /* no such day: Python says so (FIL-001) */
    return value;
}

static PyObject *plain_boolean(PyObject *text)
{
    if (PyUnicode_CompareWithASCIIString(text, "true") == 0 ||
        PyUnicode_CompareWithASCIIString(text, "1") == 0)
        Py_RETURN_TRUE;
    if (PyUnicode_CompareWithASCIIString(text, "false") == 0 ||
        PyUnicode_CompareWithASCIIString(text, "0") == 0)
        Py_RETURN_FALSE;
    return NOT_KEPT;
}

typedef struct {
    PyObject *concepts, *contexts, *eur_units, *pure_units, *decimal;
    PyTypeObject *reported;
    Py_ssize_t max_digits;
} Tables;

/* Whether the fact's unit fits its concept: none for a value that is not a number, one of
 * EUR for an amount, one of pure for another number. -1 on an error. */
static int unit_fits(PyObject *unit_ref, int code, int monetary, const Tables *tables)
{
    if (code != DECIMAL && code != INTEGER)
        return unit_ref == Py_None;
    if (!PyUnicode_CheckExact(unit_ref))
        return 0;
    return PySet_Contains(monetary ? tables->eur_units : tables->pure_units, unit_ref);
}

/* The typed value of a fact that is not nil, NULL without an error when it is not plain. */
static PyObject *plain_value(PyObject *text, int code, const Tables *tables)
{
    switch (code) {
    case STRING:
        Py_INCREF(text);
        return text;
    case BOOLEAN:
        return plain_boolean(text);
    case DECIMAL:
        return plain_decimal(text, tables->max_digits, tables->decimal);
    case INTEGER:
        return plain_integer(text, tables->max_digits);
    case DATE:
        return plain_date(text);
    }
    return NOT_KEPT;
}

/* The context a fact of ``level`` may use, borrowed; NULL when there is none (the fact goes
 * to Python), and *skip set for a context with a malformed identity. */
static PyObject *usable_context(PyObject *context_ref, PyObject *level, const Tables *tables,
                                int *skip)
{
    PyObject *context, *refusal, *problem;
    *skip = 0;
    if (!PyUnicode_CheckExact(context_ref))
        return NULL;
    context = PyDict_GetItemWithError(tables->contexts, context_ref);
    if (context == NULL || !PyTuple_Check(context) ||
        PyTuple_GET_SIZE(context) != CONTEXT_INFO_FIELDS)
        return NULL;
    if (PyTuple_GET_ITEM(context, BROKEN_IDENTITY) == Py_True) {
        *skip = 1;
        return NULL;
    }
    refusal = PyTuple_GET_ITEM(context, REFUSAL);
    if (!PyDict_CheckExact(refusal))
        return NULL;
    problem = PyDict_GetItemWithError(refusal, level);
    return problem == Py_None ? context : NULL;
}

/* The Reported of a value and a fact's fields, made as tuple.__new__(Reported, ...) does. */
static PyObject *reported_of(PyObject *value, PyObject *fields, PyTypeObject *reported)
{
    Py_ssize_t i;
    PyObject *made = reported->tp_alloc(reported, FIELDS + 1);
    if (made == NULL) {
        Py_DECREF(value);
        return NULL;
    }
    PyTuple_SET_ITEM(made, 0, value);
    for (i = 0; i < FIELDS; i++) {
        PyObject *field = PyTuple_GET_ITEM(fields, i);
        Py_INCREF(field);
        PyTuple_SET_ITEM(made, i + 1, field);
    }
    return made;
}

/* The fact typed as (concept, context, Reported): a new reference, NULL when it goes to
 * Python (an error is then set only if something failed), Py_None when it is left out. */
static PyObject *typed_fact(PyObject *fields, const Tables *tables)
{
    PyObject *check, *level, *context, *value, *reported, *concept, *nil, *typed;
    int code, monetary, skip, fits;
    if (!PyTuple_Check(fields) || PyTuple_GET_SIZE(fields) != FIELDS)
        return NULL;
    concept = PyTuple_GET_ITEM(fields, CONCEPT);
    check = PyDict_GetItemWithError(tables->concepts, concept);
    if (check == NULL || !PyTuple_Check(check) || PyTuple_GET_SIZE(check) != 3)
        return NULL;
    level = PyTuple_GET_ITEM(check, 0);
    code = (int)PyLong_AsLong(PyTuple_GET_ITEM(check, 1));
    monetary = PyTuple_GET_ITEM(check, 2) == Py_True;
    context = usable_context(PyTuple_GET_ITEM(fields, CONTEXT_REF), level, tables, &skip);
    if (skip)
        Py_RETURN_NONE;
    if (context == NULL)
        return NULL;
    fits = unit_fits(PyTuple_GET_ITEM(fields, UNIT_REF), code, monetary, tables);
    if (fits <= 0)
        return NULL;
    nil = PyTuple_GET_ITEM(fields, NIL);
    if (nil == Py_True) {
        value = Py_NewRef(Py_None);
    } else {
        PyObject *text = PyTuple_GET_ITEM(fields, TEXT);
        if (nil != Py_False || PyTuple_GET_ITEM(fields, HAS_ELEMENTS) != Py_False ||
            !PyUnicode_CheckExact(text))
            return NULL;
        value = plain_value(text, code, tables);
        if (value == NULL)
            return NULL;
    }
    reported = reported_of(value, fields, tables->reported);
    if (reported == NULL)
        return NULL;
    typed = PyTuple_New(3); /* as Py_BuildValue("(OON)") would, without reading a format */
    if (typed == NULL) {
        Py_DECREF(reported);
        return NULL;
    }
    PyTuple_SET_ITEM(typed, 0, Py_NewRef(concept));
    PyTuple_SET_ITEM(typed, 1, Py_NewRef(context));
    PyTuple_SET_ITEM(typed, 2, reported);
    return typed;
}

static int append_new(PyObject *list, PyObject *item)
{
    int failed;
    if (item == NULL)
        return -1;
    failed = PyList_Append(list, item);
    Py_DECREF(item);
    return failed;
}

static PyObject *type_facts(PyObject *self, PyObject *args)
{
    PyObject *facts, *typed = NULL, *pending = NULL;
    Tables tables;
    Py_ssize_t i;
    if (!PyArg_ParseTuple(args, "O!O!O!O!O!O!On", &PyList_Type, &facts, &PyDict_Type,
                          &tables.concepts, &PyDict_Type, &tables.contexts, &PyFrozenSet_Type,
                          &tables.eur_units, &PyFrozenSet_Type, &tables.pure_units,
                          &PyType_Type, &tables.reported, &tables.decimal, &tables.max_digits))
        return NULL;
    if (!PyType_IsSubtype(tables.reported, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "reported must be a tuple class");
        return NULL;
    }
    typed = PyList_New(0);
    pending = PyList_New(0);
    if (typed == NULL || pending == NULL)
        goto failed;
    for (i = 0; i < PyList_GET_SIZE(facts); i++) {
        PyObject *fields = PyList_GET_ITEM(facts, i);
        PyObject *fact = typed_fact(fields, &tables);
        if (fact == Py_None) {
            Py_DECREF(fact);
            continue;
        }
        if (fact != NULL) {
            if (append_new(typed, fact) < 0)
                goto failed;
            continue;
        }
        if (PyErr_Occurred())
            goto failed;
        if (append_new(pending, Py_BuildValue("(nO)", PyList_GET_SIZE(typed), fields)) < 0 ||
            PyList_Append(typed, Py_None) < 0)
            goto failed;
    }
    return Py_BuildValue("(NN)", typed, pending);
failed:
    Py_XDECREF(typed);
    Py_XDECREF(pending);
    return NULL;
}

static PyMethodDef methods[] = {
    {"type_facts", type_facts, METH_VARARGS,
     "type_facts(facts, concepts, contexts, eur_units, pure_units, reported, decimal, "
     "max_digits) -> (typed, pending)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_definition = {
    PyModuleDef_HEAD_INIT, "compliance.model._typing",
    "The structure check's typing loop in C (see compliance.model.structure).", -1, methods,
};

/* The layouts assumed above, for compliance/model/compiled.py to check against the Python
 * classes before it uses this module; and the type codes. */
static int add_constants(PyObject *module)
{
    int failed;
    PyObject *fields = Py_BuildValue("(ssssssss)", "concept", "context_ref", "unit_ref",
                                     "decimals", "nil", "text", "line", "has_elements");
    if (fields == NULL)
        return -1;
    failed = PyModule_AddObjectRef(module, "FACT_FIELDS", fields);
    Py_DECREF(fields);
    if (failed < 0 ||
        PyModule_AddIntConstant(module, "BROKEN_IDENTITY", BROKEN_IDENTITY) < 0 ||
        PyModule_AddIntConstant(module, "REFUSAL", REFUSAL) < 0 ||
        PyModule_AddIntConstant(module, "CONTEXT_INFO_FIELDS", CONTEXT_INFO_FIELDS) < 0 ||
        PyModule_AddIntConstant(module, "STRING", STRING) < 0 ||
        PyModule_AddIntConstant(module, "BOOLEAN", BOOLEAN) < 0 ||
        PyModule_AddIntConstant(module, "DECIMAL", DECIMAL) < 0 ||
        PyModule_AddIntConstant(module, "INTEGER", INTEGER) < 0 ||
        PyModule_AddIntConstant(module, "DATE", DATE) < 0)
        return -1;
    return 0;
}

PyMODINIT_FUNC PyInit__typing(void)
{
    PyObject *module;
    PyDateTime_IMPORT;
    if (PyDateTimeAPI == NULL)
        return NULL;
    module = PyModule_Create(&module_definition);
    if (module != NULL && add_constants(module) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
