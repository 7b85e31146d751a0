/* The reader's hot loop in C: the root's children of one parsed filing, facts written the
 * usual way read straight from libxml2's tree that lxml built.
 *
 * Why: per fact, lxml's own calls (the child's proxy, .tag, keys() and values(), .text and
 * .sourceline) cost some 8,000 CPU instructions, about a third of what judging a filing
 * costs in all. Here a usual fact costs a few strings and a tuple.
 *
 * What it does is exactly what compliance/read/instance.py's usual_fact_fields and its
 * loop do (tests/test_reader_compiled.py holds the two to the same answers): a fact of a
 * declared concept whose attributes are contextRef, unitRef and decimals in that order (or
 * contextRef alone), none in a namespace, each with one text node or none, and whose
 * content is one text node or none, on a line below 65,535 (libxml2 stores higher lines
 * elsewhere), becomes the plain tuple of a RawFact's fields. Anything else is handed back
 * as lxml's own element, for the Python reader to read as before. The tree is read, never
 * changed; the parse and its limits (read/safety.py) happened before, in lxml.
 *
 * Only libxml2's node structs are read (no libxml2 function is called, so nothing links
 * against it); lxml's element layout comes from the headers lxml ships, and the module
 * refuses to load beside another lxml version than the one it was built with (see
 * read/compiled.py).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

#include "lxml-version.h"
#include <libxml/tree.h>
#include "lxml.etree_api.h"

static const char XML_SPACE[] = " \t\r\n";

/* The UTF-8 text between XML white space at both ends, as a str (XML's white space is
 * ASCII, so trimming the bytes is trimming the characters). */
static PyObject *stripped(const xmlChar *text)
{
    const char *start = (const char *)text;
    size_t length;
    if (start == NULL)
        return PyUnicode_FromStringAndSize("", 0);
    start += strspn(start, XML_SPACE);
    length = strlen(start);
    while (length > 0 && strchr(XML_SPACE, start[length - 1]) != NULL)
        length--;
    return PyUnicode_DecodeUTF8(start, (Py_ssize_t)length, "strict");
}

static PyObject *whole(const xmlChar *text)
{
    if (text == NULL)
        return PyUnicode_FromStringAndSize("", 0);
    return PyUnicode_DecodeUTF8((const char *)text, (Py_ssize_t)strlen((const char *)text),
                                "strict");
}

/* The one text an attribute or element holds: 1 with *text set (NULL for none), 0 when it
 * holds anything but at most one text node (lxml would join several; the Python reader
 * does that). */
static int single_text(xmlNode *children, int cdata_too, const xmlChar **text)
{
    *text = NULL;
    if (children == NULL)
        return 1;
    if (children->next != NULL)
        return 0;
    if (children->type != XML_TEXT_NODE && !(cdata_too && children->type == XML_CDATA_SECTION_NODE))
        return 0;
    *text = children->content;
    return 1;
}

static int named(xmlAttr *attribute, const char *name)
{
    return attribute != NULL && attribute->ns == NULL &&
           strcmp((const char *)attribute->name, name) == 0;
}

/* A usual fact's fields (concept, contextRef, unitRef, decimals, nil, text, line,
 * has_elements), or Py_None when the fact is not written the usual way; NULL on error. */
static PyObject *usual_fields(xmlNode *node, PyObject *concept)
{
    xmlAttr *context = node->properties, *unit = NULL, *decimals = NULL;
    const xmlChar *context_text, *unit_text = NULL, *decimals_text = NULL, *text;
    PyObject *fields;
    if (!named(context, "contextRef") || !single_text(context->children, 0, &context_text))
        Py_RETURN_NONE;
    if (context->next != NULL) {
        unit = context->next;
        decimals = unit->next;
        if (!named(unit, "unitRef") || !named(decimals, "decimals") || decimals->next != NULL)
            Py_RETURN_NONE;
        if (!single_text(unit->children, 0, &unit_text) ||
            !single_text(decimals->children, 0, &decimals_text))
            Py_RETURN_NONE;
    }
    if (!single_text(node->children, 1, &text) || node->line >= 65535)
        Py_RETURN_NONE;
    fields = PyTuple_New(8);
    if (fields == NULL)
        return NULL;
    Py_INCREF(concept);
    PyTuple_SET_ITEM(fields, 0, concept);
    PyTuple_SET_ITEM(fields, 1, stripped(context_text));
    if (unit == NULL) {
        Py_INCREF(Py_None);
        PyTuple_SET_ITEM(fields, 2, Py_None);
        Py_INCREF(Py_None);
        PyTuple_SET_ITEM(fields, 3, Py_None);
    } else {
        PyTuple_SET_ITEM(fields, 2, stripped(unit_text));
        PyTuple_SET_ITEM(fields, 3, whole(decimals_text));
    }
    Py_INCREF(Py_False);
    PyTuple_SET_ITEM(fields, 4, Py_False);
    PyTuple_SET_ITEM(fields, 5, stripped(text));
    PyTuple_SET_ITEM(fields, 6, PyLong_FromLong((long)node->line));
    Py_INCREF(Py_False);
    PyTuple_SET_ITEM(fields, 7, Py_False);
    for (Py_ssize_t i = 1; i < 7; i++)
        if (PyTuple_GET_ITEM(fields, i) == NULL) {
            Py_DECREF(fields);
            return NULL;
        }
    return fields;
}

/* The concept a node is a fact of (a borrowed name from ``concepts``), or NULL. */
static PyObject *concept_of(xmlNode *node, const char *namespace, PyObject *concepts, int *error)
{
    PyObject *local, *concept;
    if (node->ns == NULL || node->ns->href == NULL ||
        strcmp((const char *)node->ns->href, namespace) != 0)
        return NULL;
    local = PyUnicode_FromString((const char *)node->name);
    if (local == NULL) {
        *error = 1;
        return NULL;
    }
    concept = PyDict_GetItemWithError(concepts, local);
    Py_DECREF(local);
    if (concept == NULL && PyErr_Occurred())
        *error = 1;
    return concept;
}

static int append_new(PyObject *list, PyObject *item)
{
    int status;
    if (item == NULL)
        return -1;
    status = PyList_Append(list, item);
    Py_DECREF(item);
    return status;
}

/* read_children(root, namespace, concepts) -> (facts, others): every child element of the
 * root in document order, split in two. ``facts``: one entry per fact of a declared
 * concept (``concepts``: name -> name), the tuple of its fields when written the usual way,
 * else (concept, element). ``others``: every other child element, as lxml's element. */
static PyObject *read_children(PyObject *module, PyObject *args)
{
    PyObject *root, *concepts, *facts = NULL, *others = NULL;
    const char *namespace;
    struct LxmlElement *element;
    int error = 0;
    if (!PyArg_ParseTuple(args, "OsO!", &root, &namespace, &PyDict_Type, &concepts))
        return NULL;
    element = rootNodeOrRaise(root);
    if (element == NULL)
        return NULL;
    facts = PyList_New(0);
    others = PyList_New(0);
    if (facts == NULL || others == NULL)
        goto failed;
    for (xmlNode *node = element->_c_node->children; node != NULL; node = node->next) {
        PyObject *concept, *fields;
        if (node->type != XML_ELEMENT_NODE)
            continue; /* comments, processing instructions, text between elements */
        concept = concept_of(node, namespace, concepts, &error);
        if (error)
            goto failed;
        if (concept == NULL) {
            if (append_new(others, (PyObject *)elementFactory(element->_doc, node)) < 0)
                goto failed;
            continue;
        }
        fields = usual_fields(node, concept);
        if (fields == Py_None) {
            Py_DECREF(fields);
            fields = Py_BuildValue("(ON)", concept, (PyObject *)elementFactory(element->_doc, node));
        }
        if (append_new(facts, fields) < 0)
            goto failed;
    }
    Py_DECREF(element);
    return Py_BuildValue("(NN)", facts, others);
failed:
    Py_DECREF(element);
    Py_XDECREF(facts);
    Py_XDECREF(others);
    return NULL;
}

static PyMethodDef methods[] = {
    {"read_children", read_children, METH_VARARGS,
     "read_children(root, namespace, concepts) -> (facts, others)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_definition = {
    PyModuleDef_HEAD_INIT, "compliance.read._facts",
    "The reader's hot loop in C (see compliance.read.compiled).", -1, methods,
};

PyMODINIT_FUNC PyInit__facts(void)
{
    PyObject *module;
    if (import_lxml__etree() < 0)
        return NULL;
    module = PyModule_Create(&module_definition);
    if (module != NULL && PyModule_AddStringConstant(module, "LXML_VERSION", LXML_VERSION_STRING) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
