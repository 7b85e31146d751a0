/* The reader's hot loop in C: the root's children of one parsed filing, facts and contexts
 * written the usual way read straight from libxml2's tree that lxml built.
 *
 * Why: per fact, lxml's own calls (the child's proxy, .tag, keys() and values(), .text and
 * .sourceline) cost some 8,000 CPU instructions, about a third of what judging a filing
 * costs in all. Here a usual fact costs a few strings and a tuple.
 *
 * What it does is exactly what compliance/read/instance.py's usual_fact_fields and
 * _UsualContexts do (tests/test_read_compiled.py holds the two to the same answers): a fact of a
 * declared concept whose attributes are contextRef, unitRef and decimals in that order (or
 * contextRef alone), none in a namespace, each with one text node or none, and whose
 * content is one text node or none, on a line below 65,535 (libxml2 stores higher lines
 * elsewhere), becomes the plain tuple of a RawFact's fields. Any other fact is read by the
 * Python reader's own read_fact, called from here with lxml's element; any other element
 * is handed back as lxml's own, for the Python reader to read as before. Contexts of the
 * usual shape (_UsualContexts in instance.py: an entity of an identifier and at most a segment of
 * typed members, a period of two dates or an instant, text only in each leaf) are read the
 * same way, their members as written; the Python reader resolves the dimensions, once per
 * filing. The tree is read, never changed; the parse and its limits (read/safety.py)
 * happened before, in lxml.
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

static int append_new(PyObject *list, PyObject *item);

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

/* lxml's len(element): its children that are elements, comments, entity references or
 * processing instructions (text and CDATA are not counted). */
static int counted_children(xmlNode *node, xmlNode **first, xmlNode **second)
{
    int count = 0;
    *first = *second = NULL;
    for (xmlNode *child = node->children; child != NULL; child = child->next) {
        if (child->type != XML_ELEMENT_NODE && child->type != XML_COMMENT_NODE &&
            child->type != XML_ENTITY_REF_NODE && child->type != XML_PI_NODE)
            continue;
        if (count == 0)
            *first = child;
        else if (count == 1)
            *second = child;
        count++;
    }
    return count;
}

static int in_namespace(xmlNode *node, const char *namespace)
{
    return node->ns != NULL && node->ns->href != NULL &&
           strcmp((const char *)node->ns->href, namespace) == 0;
}

static int is(xmlNode *node, const char *namespace, const char *name)
{
    return node != NULL && node->type == XML_ELEMENT_NODE && in_namespace(node, namespace) &&
           strcmp((const char *)node->name, name) == 0;
}

/* The text of a leaf (no counted children) when it is one text or CDATA node or none: 1 with
 * *text set; 0 otherwise (lxml would join several: the Python reader reads those). */
static int leaf_text(xmlNode *node, const xmlChar **text)
{
    xmlNode *first, *second;
    return counted_children(node, &first, &second) == 0 && single_text(node->children, 1, text);
}

/* The value of an attribute in no namespace: 1 with *value set (NULL when absent), 0 when it
 * is not one text node. */
static int plain_attribute(xmlNode *node, const char *name, const xmlChar **value, int *present)
{
    *value = NULL;
    *present = 0;
    for (xmlAttr *attribute = node->properties; attribute != NULL; attribute = attribute->next)
        if (named(attribute, name)) {
            *present = 1;
            return single_text(attribute->children, 0, value);
        }
    return 1;
}

typedef struct {
    const char *instance; /* XBRL instance namespace */
    const char *dimensions; /* xbrldi namespace */
} Namespaces;

/* A segment's members as (dimension QName as written, the value's tag, its text), or
 * Py_None when the segment is not of the usual shape; NULL on error. */
static PyObject *members_of(xmlNode *segment, const Namespaces *ns)
{
    PyObject *members = PyList_New(0), *member;
    xmlNode *child, *value, *unused;
    if (members == NULL)
        return NULL;
    for (child = segment->children; child != NULL; child = child->next) {
        const xmlChar *qname, *text;
        int present;
        if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
            continue;
        if (!is(child, ns->dimensions, "typedMember") ||
            counted_children(child, &value, &unused) != 1 || value->type != XML_ELEMENT_NODE ||
            !leaf_text(value, &text) || !plain_attribute(child, "dimension", &qname, &present)) {
            Py_DECREF(members);
            Py_RETURN_NONE;
        }
        member = Py_BuildValue("(NNN)", present ? whole(qname) : PyUnicode_FromString(""),
                               namespacedName(value), stripped(text));
        if (append_new(members, member) < 0) {
            Py_DECREF(members);
            return NULL;
        }
    }
    member = PyList_AsTuple(members);
    Py_DECREF(members);
    return member;
}

/* A context of the usual shape (read/instance.py, _UsualContexts) as (id, line, scheme,
 * identifier, start, end, instant, members), or Py_None for any other; NULL on error. */
static PyObject *usual_context(xmlNode *node, const Namespaces *ns)
{
    xmlNode *entity, *period, *identifier, *segment, *first, *last;
    const xmlChar *id, *scheme, *identified, *start = NULL, *end = NULL, *instant = NULL;
    int has_id, has_scheme, parts, dates;
    PyObject *members;
    if (counted_children(node, &entity, &period) != 2 || !is(entity, ns->instance, "entity") ||
        !is(period, ns->instance, "period") || node->line >= 65535)
        Py_RETURN_NONE;
    parts = counted_children(entity, &identifier, &segment);
    if (parts < 1 || parts > 2 || !is(identifier, ns->instance, "identifier") ||
        !leaf_text(identifier, &identified) ||
        !plain_attribute(identifier, "scheme", &scheme, &has_scheme))
        Py_RETURN_NONE;
    if (parts == 2 && !is(segment, ns->instance, "segment"))
        Py_RETURN_NONE;
    dates = counted_children(period, &first, &last);
    if (dates == 2) {
        if (!is(first, ns->instance, "startDate") || !is(last, ns->instance, "endDate") ||
            !leaf_text(first, &start) || !leaf_text(last, &end))
            Py_RETURN_NONE;
    } else if (dates != 1 || !is(first, ns->instance, "instant") || !leaf_text(first, &instant)) {
        Py_RETURN_NONE;
    }
    if (!plain_attribute(node, "id", &id, &has_id))
        Py_RETURN_NONE;
    members = parts == 2 ? members_of(segment, ns) : PyTuple_New(0);
    if (members == NULL || members == Py_None)
        return members;
    return Py_BuildValue(
        "(NlNNNNNN)", has_id ? stripped(id) : PyUnicode_FromString(""), (long)node->line,
        has_scheme ? stripped(scheme) : PyUnicode_FromString(""), stripped(identified),
        dates == 2 ? stripped(start) : (Py_INCREF(Py_None), Py_None),
        dates == 2 ? stripped(end) : (Py_INCREF(Py_None), Py_None),
        dates == 1 ? stripped(instant) : (Py_INCREF(Py_None), Py_None), members);
}

/* The concept a node is a fact of (a borrowed name from ``concepts``), or NULL. */
static PyObject *concept_of(xmlNode *node, const char *namespace, PyObject *concepts, int *error)
{
    PyObject *local, *concept;
    if (!in_namespace(node, namespace))
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

/* read_children(root, namespace, concepts, instance, dimensions, contexts_too, read_fact)
 *     -> (facts, contexts, others)
 * Every child element of the root in document order, split in three. ``facts``: one entry
 * per fact of a declared concept (``concepts``: name -> name), the tuple of its fields when
 * written the usual way, else what ``read_fact(element, concept)`` makes of it (the Python
 * reader's own). ``contexts`` (when ``contexts_too``; the contexts are among ``others``
 * otherwise): one entry per context, ((id, line, scheme,
 * identifier, start, end, instant, members), its index among the root's children) when of
 * the usual shape, else its element. ``others``: every other child element, as lxml's
 * element. ``instance`` and ``dimensions``: the XBRL instance and xbrldi namespaces. */
static PyObject *read_children(PyObject *module, PyObject *args)
{
    PyObject *root, *concepts, *read_fact, *facts = NULL, *contexts = NULL, *others = NULL;
    const char *namespace;
    Namespaces ns;
    int contexts_too, error = 0;
    Py_ssize_t index = -1;
    struct LxmlElement *element;
    if (!PyArg_ParseTuple(args, "OsO!sspO", &root, &namespace, &PyDict_Type, &concepts,
                          &ns.instance, &ns.dimensions, &contexts_too, &read_fact))
        return NULL;
    element = rootNodeOrRaise(root);
    if (element == NULL)
        return NULL;
    facts = PyList_New(0);
    contexts = PyList_New(0);
    others = PyList_New(0);
    if (facts == NULL || contexts == NULL || others == NULL)
        goto failed;
    for (xmlNode *node = element->_c_node->children; node != NULL; node = node->next) {
        PyObject *concept, *read;
        if (node->type == XML_COMMENT_NODE || node->type == XML_ENTITY_REF_NODE ||
            node->type == XML_PI_NODE)
            index++;
        if (node->type != XML_ELEMENT_NODE)
            continue; /* comments, processing instructions, text between elements */
        index++;
        concept = concept_of(node, namespace, concepts, &error);
        if (error)
            goto failed;
        if (concept != NULL) {
            read = usual_fields(node, concept);
            if (read == Py_None) {
                PyObject *unusual = (PyObject *)elementFactory(element->_doc, node);
                Py_DECREF(read);
                read = unusual == NULL
                           ? NULL
                           : PyObject_CallFunctionObjArgs(read_fact, unusual, concept, NULL);
                Py_XDECREF(unusual);
            }
            if (append_new(facts, read) < 0)
                goto failed;
        } else if (contexts_too && is(node, ns.instance, "context")) {
            read = usual_context(node, &ns);
            if (read == Py_None) {
                Py_DECREF(read);
                read = (PyObject *)elementFactory(element->_doc, node);
            } else if (read != NULL) {
                read = Py_BuildValue("(Nn)", read, index);
            }
            if (append_new(contexts, read) < 0)
                goto failed;
        } else if (append_new(others, (PyObject *)elementFactory(element->_doc, node)) < 0) {
            goto failed;
        }
    }
    Py_DECREF(element);
    return Py_BuildValue("(NNN)", facts, contexts, others);
failed:
    Py_DECREF(element);
    Py_XDECREF(facts);
    Py_XDECREF(contexts);
    Py_XDECREF(others);
    return NULL;
}

/* tree_shape(root, max_depth) -> (too_deep, declared_below_root), what read/safety.py asks
 * of every parsed tree (its _deeper_than and declared_only_on_root say the same in Python):
 * the first element in document order deeper than ``max_depth`` levels (the root is level
 * 1), as lxml's element, or None; and whether any element below the root declares a
 * namespace. One walk over the elements, where an XPath of max_depth steps and a count of
 * "xmlns" in the bytes cost a filing 0.13 ms. Every element is visited, also below one too
 * deep, so the second answer is whole whatever the first. */
static PyObject *tree_shape(PyObject *module, PyObject *args)
{
    PyObject *root, *too_deep;
    Py_ssize_t max_depth, depth = 2;
    struct LxmlElement *element;
    xmlNode *top, *node, *deeper = NULL;
    int declared_below = 0;
    if (!PyArg_ParseTuple(args, "On", &root, &max_depth))
        return NULL;
    element = rootNodeOrRaise(root);
    if (element == NULL)
        return NULL;
    top = element->_c_node;
    node = top->children;
    while (node != NULL) {
        if (node->type == XML_ELEMENT_NODE) {
            if (node->nsDef != NULL)
                declared_below = 1;
            if (depth > max_depth && deeper == NULL)
                deeper = node;
            if (node->children != NULL) { /* an element's children, then its siblings */
                node = node->children;
                depth++;
                continue;
            }
        }
        while (node->next == NULL && node->parent != top) {
            node = node->parent;
            depth--;
        }
        node = node->next;
    }
    too_deep = deeper == NULL ? Py_NewRef(Py_None)
                              : (PyObject *)elementFactory(element->_doc, deeper);
    Py_DECREF(element);
    if (too_deep == NULL)
        return NULL;
    return Py_BuildValue("(NO)", too_deep, declared_below ? Py_True : Py_False);
}

static PyMethodDef methods[] = {
    {"read_children", read_children, METH_VARARGS,
     "read_children(root, namespace, concepts, instance, dimensions, contexts_too, "
     "read_fact)"},
    {"tree_shape", tree_shape, METH_VARARGS,
     "tree_shape(root, max_depth) -> (too_deep, declared_below_root)"},
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
