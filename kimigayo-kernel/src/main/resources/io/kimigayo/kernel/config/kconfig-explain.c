// SPDX-License-Identifier: GPL-2.0
/*
 * kconfig-explain: says why Kconfig gave options the values it did. Kimigayo's compile-kernel links it against the
 * kernel's own Kconfig objects (the ones scripts/kconfig/conf is made of), so it parses Kconfig exactly as the kernel
 * does. It reads a configuration and, for every symbol named on the command line, prints lines of the form
 *
 *   symbol NAME          start of a block        (or: unknown NAME, when no Kconfig file defines it)
 *   type bool|tristate|string|int|hex
 *   value V              the value Kconfig computed
 *   depends V EXPR       direct dependencies ("depends on", enclosing menus and ifs), their value, with [=values]
 *   term V EXPR          one conjunct of the direct dependencies and its value
 *   prompt V EXPR        the condition under which the option can be set at all (its visibility)
 *   selected V EXPR      reverse dependencies ("select"): the lowest value the option can have
 *   choice NAME          the option is one value of a choice; the choice's current value follows as chosen
 *   chosen NAME
 *   range EXPR           for int and hex options
 *   end
 *
 * followed by the menuconfig help text of each symbol between "help-begin NAME" and "help-end".
 * Usage: kconfig-explain KCONFIG CONFIG [--write FILE] SYMBOL...   (run where make runs conf, with its environment)
 * --write FILE writes the configuration as Kconfig sees it, so the caller can check that this view is make's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lkc.h"

static char tri(tristate t)
{
	return t == yes ? 'y' : t == mod ? 'm' : 'n';
}

static void print_expr(const char *tag, struct expr *e)
{
	struct gstr gs = str_new();

	expr_gstr_print(e, &gs);
	printf("%s %c %s\n", tag, tri(expr_calc_value(e)), str_get(&gs));
	str_free(&gs);
}

static void print_terms(struct expr *e)
{
	if (e->type == E_AND) {
		print_terms(e->left.expr);
		print_terms(e->right.expr);
		return;
	}
	print_expr("term", e);
}

static int defined(struct symbol *sym)
{
	struct property *prop;

	for_all_properties(sym, prop, P_SYMBOL)
		return 1;
	return 0;
}

static void explain(const char *name)
{
	struct symbol *sym = sym_find(name);
	struct property *prop;

	if (!sym || !defined(sym)) {
		printf("unknown %s\n", name);
		return;
	}
	sym_calc_value(sym);
	printf("symbol %s\n", name);
	printf("type %s\n", sym_type_name(sym->type));
	printf("value %s\n", sym_get_string_value(sym));
	if (sym->dir_dep.expr && !expr_is_yes(sym->dir_dep.expr)) {
		print_expr("depends", sym->dir_dep.expr);
		print_terms(sym->dir_dep.expr);
	}
	for_all_prompts(sym, prop) {
		if (prop->visible.expr)
			print_expr("prompt", prop->visible.expr);
		else
			printf("prompt y y\n");
	}
	if (sym->rev_dep.expr)
		print_expr("selected", sym->rev_dep.expr);
	if (sym_is_choice_value(sym)) {
		struct symbol *choice = prop_get_symbol(sym_get_choice_prop(sym));
		struct symbol *chosen;

		sym_calc_value(choice);
		chosen = sym_get_choice_value(choice);
		printf("choice %s\n", choice->name ? choice->name : "<choice>");
		if (chosen)
			printf("chosen %s\n", chosen->name);
	}
	if (sym->type == S_INT || sym->type == S_HEX) {
		prop = sym_get_range_prop(sym);
		if (prop) {
			struct gstr gs = str_new();

			expr_gstr_print(prop->expr, &gs);
			printf("range %s\n", str_get(&gs));
			str_free(&gs);
		}
	}
	printf("end\n");
}

static void help(const char *name)
{
	struct symbol *sym = sym_find(name);
	struct property *prop;

	if (!sym || !defined(sym))
		return;
	printf("help-begin %s\n", name);
	for_all_properties(sym, prop, P_SYMBOL) {
		struct gstr gs = str_new();

		menu_get_ext_help(prop->menu, &gs);
		fputs(str_get(&gs), stdout);
		str_free(&gs);
		break;
	}
	printf("help-end\n");
}

static void message(const char *s)
{
	fprintf(stderr, "%s\n", s);
}

int main(int argc, char **argv)
{
	int first = 3;
	int i;

	if (argc < 3) {
		fprintf(stderr, "usage: %s KCONFIG CONFIG [--write FILE] SYMBOL...\n", argv[0]);
		return 2;
	}
	conf_set_message_callback(message);
	conf_parse(argv[1]);
	if (conf_read(argv[2])) {
		fprintf(stderr, "%s: cannot read %s\n", argv[0], argv[2]);
		return 1;
	}
	if (argc > 4 && strcmp(argv[3], "--write") == 0) {
		if (conf_write(argv[4])) {
			fprintf(stderr, "%s: cannot write %s\n", argv[0], argv[4]);
			return 1;
		}
		first = 5;
	}
	for (i = first; i < argc; i++)
		explain(argv[i]);
	for (i = first; i < argc; i++)
		help(argv[i]);
	return 0;
}
