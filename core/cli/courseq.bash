# bash completion for courseq(1).
#
# Source it from ~/.bashrc, or install it as
# /usr/share/bash-completion/completions/courseq. It completes the commands,
# each command's options, the values of options that have a fixed set
# (check --format, graph --format, check --only), module names, and lesson
# ids and aliases for the commands that take a lesson. Lessons come from
# `courseq list --tsv --no-refresh` run on the course the command line names
# (-C DIR, --db PATH), so completing reads the index instead of the lessons.
#
# Candidates never pass through compgen -W, which would expand $(...) or
# backquotes in a lesson's file name: a course must not run code on TAB.

_courseq_commands=(index list show search query check links prereqs path dependents graph run report)
_courseq_common=(-C --db --no-refresh --json --help)

# The options of a command (from its --help) and which of them take a value.
_courseq_options() {
	case $1 in
	index) printf '%s\n' --full --verbose ;;
	list) printf '%s\n' --module --difficulty --topic --tsv ;;
	show) ;;
	search) printf '%s\n' --limit ;;
	query) printf '%s\n' --param --tsv ;;
	check) printf '%s\n' --format --strict --only --module --path ;;
	links) printf '%s\n' --to --broken --tsv ;;
	prereqs) printf '%s\n' --direct --tree ;;
	path) printf '%s\n' --known ;;
	dependents) printf '%s\n' --all ;;
	graph) printf '%s\n' --module --format ;;
	run) printf '%s\n' --sandbox --dry-run ;;
	report) printf '%s\n' --list --sandbox --dry-run ;;
	esac
}

# Does option $2 of command $1 take a value (the next word)?
_courseq_takes_value() {
	case $2 in
	-C | --db) return 0 ;;
	esac
	case $1:$2 in
	list:-m | list:--module | list:-d | list:--difficulty | list:-t | list:--topic) return 0 ;;
	search:-n | search:--limit) return 0 ;;
	query:-p | query:--param) return 0 ;;
	check:-f | check:--format | check:-o | check:--only | check:-m | check:--module) return 0 ;;
	check:-p | check:--path) return 0 ;;
	path:-k | path:--known) return 0 ;;
	graph:-m | graph:--module | graph:-f | graph:--format) return 0 ;;
	esac
	return 1
}

# Runs courseq on the course the command line names.
_courseq_run() {
	"${_courseq_exe[@]}" "${_courseq_where[@]}" "$@" 2>/dev/null
}

# Lesson ids and their aliases (the id without the module folder's number).
_courseq_lessons() {
	local id rest
	while IFS=$'\t' read -r id rest; do
		[[ -z $id || $id == id ]] && continue # the header
		printf '%s\n' "$id"
		if [[ $id == */* && $id =~ ^[0-9]+-(.*)$ ]]; then
			printf '%s\n' "${BASH_REMATCH[1]}"
		fi
	done < <(_courseq_run list --tsv --no-refresh)
}

# Modules as a folder (07-module-7), an alias (module-7) and a number (7).
_courseq_modules() {
	local id dir seen=" "
	while IFS= read -r id; do
		[[ $id == */* && $id =~ ^[0-9] ]] || continue
		dir=${id%%/*}
		[[ $seen == *" $dir "* ]] && continue
		seen+="$dir "
		printf '%s\n' "$dir"
		if [[ $dir =~ ^[0-9]+-(.*-([0-9]+))$ ]]; then
			printf '%s\n%s\n' "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
		fi
	done < <(_courseq_lessons)
}

_courseq_difficulties() {
	local id title difficulty rest seen=" "
	while IFS=$'\t' read -r id title difficulty rest; do
		[[ -z $difficulty || $id == id || $seen == *" $difficulty "* ]] && continue
		seen+="$difficulty "
		printf '%s\n' "$difficulty"
	done < <(_courseq_run list --tsv --no-refresh)
}

# The diagnostic codes, from `courseq check --help`.
_courseq_codes() {
	local line in=0
	while IFS= read -r line; do
		[[ $line == Codes* ]] && in=1 && continue
		[[ $in == 1 && -z $line ]] && break
		[[ $in == 1 && $line =~ ^\ +([a-z0-9-]+)\  ]] && printf '%s\n' "${BASH_REMATCH[1]}"
	done < <("${_courseq_exe[@]}" check --help 2>/dev/null)
}

# Adds to COMPREPLY the lines of stdin that start with the word being
# completed; with "list", the part after the last comma of a comma-separated
# list, leaving out what the list has already.
_courseq_add() {
	local w head="" word=$cur
	if [[ ${1-} == list && $cur == *,* ]]; then
		head=${cur%,*},
		word=${cur##*,}
	fi
	while IFS= read -r w; do
		[[ -n $w && $w == "$word"* && ,$head != *",$w,"* ]] && COMPREPLY+=("$head$w")
	done
}

_courseq_files() {
	local w
	while IFS= read -r w; do
		COMPREPLY+=("$w")
	done < <(compgen "$1" -- "$cur")
	compopt -o filenames 2>/dev/null
	return 0
}

_courseq() {
	local cur=${COMP_WORDS[COMP_CWORD]-} prev="" command="" i w operands=0
	local -a _courseq_exe=("${COMP_WORDS[0]/#\~/$HOME}") _courseq_where=()
	COMPREPLY=()
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	# --opt=value: bash splits it at '=' into three words.
	if [[ $cur == = ]]; then
		cur=""
	elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	fi

	# The command, the course (-C, --db) and the operands before the cursor.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $w == -C?* ]]; then
			_courseq_where+=(-C "${w#-C}")
			continue
		fi
		if [[ $w == -* ]] && _courseq_takes_value "$command" "$w"; then
			i=$((i + 1)) # the value; past the '=' of --opt=value
			[[ ${COMP_WORDS[i]-} == = ]] && i=$((i + 1))
			if [[ ($w == -C || $w == --db) ]] && ((i < COMP_CWORD)); then
				_courseq_where+=("$w" "${COMP_WORDS[i]/#\~/$HOME}")
			fi
			continue
		fi
		if [[ $w == -* || $w == = ]]; then
			continue
		fi
		if [[ -z $command ]]; then
			command=$w
		else
			operands=$((operands + 1))
		fi
	done

	# The value of an option.
	case $prev in
	-C) _courseq_files -d ; return 0 ;;
	--db) _courseq_files -f ; return 0 ;;
	esac
	if [[ -n $command ]] && _courseq_takes_value "$command" "$prev"; then
		case $command:$prev in
		check:-f | check:--format) _courseq_add < <(printf '%s\n' text json sarif github) ;;
		graph:-f | graph:--format) _courseq_add < <(printf '%s\n' mermaid dot) ;;
		check:-o | check:--only) _courseq_add list < <(_courseq_codes) ;;
		*:-m | *:--module) _courseq_add < <(_courseq_modules) ;;
		list:-d | list:--difficulty) _courseq_add < <(_courseq_difficulties) ;;
		path:-k | path:--known) _courseq_add list < <(_courseq_lessons) ;;
		check:-p | check:--path) _courseq_files -f ;;
		esac
		return 0
	fi

	# Options, or the command.
	if [[ $cur == -* ]]; then
		if [[ -z $command ]]; then
			_courseq_add < <(printf '%s\n' "${_courseq_common[@]}" --version)
		elif ! [[ ($command == run || $command == report) && $operands -gt 0 ]]; then
			_courseq_add < <(_courseq_options "$command"; printf '%s\n' "${_courseq_common[@]}")
		fi
		return 0
	fi
	if [[ -z $command ]]; then
		_courseq_add < <(printf '%s\n' "${_courseq_commands[@]}")
		return 0
	fi

	# Operands.
	case $command in
	show | prereqs | dependents | links)
		((operands == 0)) && _courseq_add < <(_courseq_lessons)
		;;
	path) _courseq_add < <(_courseq_lessons) ;;
	run) _courseq_files -f ;;
	report)
		if ((operands == 0)); then
			_courseq_add < <(_courseq_run report --list --no-refresh | cut -d' ' -f1)
		else
			_courseq_files -f
		fi
		;;
	esac
	return 0
}

complete -F _courseq courseq
