using System.Collections.Generic;
using System.Linq;
using MailDsl.Daemons;
using MailDsl.Install;
using MailDsl.Text;

namespace MailDsl.Fleet
{
    /// <summary>
    /// The Ansible role <c>maildsl</c> and its <c>group_vars</c>, the same for every platform: it installs one host from
    /// the folder MailDsl emitted for it (named by the inventory variable <c>maildsl_host</c>), reading the host's
    /// <c>maildsl.yml</c> (<see cref="HostManifestRenderer"/>). One task file per daemon copies that daemon's files with
    /// <c>validate:</c> (its own checker, on the new file) and notifies its handler, so only daemons whose files changed
    /// are reloaded; the daemons' own checks run on the installed files and a failure puts the previous files back.
    /// In check mode the same checkers run on a scratch copy of the new files, and <c>--diff</c> shows each file's diff.
    /// </summary>
    public static class AnsibleRoleRenderer
    {
        /// <summary>The role's folder under the output folder.</summary>
        public const string RoleRoot = "/roles/maildsl";

        /// <summary>The operator's variables for every host.</summary>
        public const string GroupVarsPath = "/group_vars/all.yml";

        /// <summary>Every file of the role, and group_vars/all.yml, as (path under the output folder, text), ordered by path.</summary>
        public static IReadOnlyList<(string Path, string Text)> Render() => Files.Value;

        // The role is the same for every platform: rendered once per process (emit, and the generator on every build).
        private static readonly System.Lazy<IReadOnlyList<(string Path, string Text)>> Files = new(RenderFiles);

        private static IReadOnlyList<(string Path, string Text)> RenderFiles()
        {
            var files = new List<(string, string)>
            {
                (GroupVarsPath, GroupVars()),
                (RoleRoot + "/defaults/main.yml", Defaults()),
                (RoleRoot + "/handlers/main.yml", Handlers()),
                (RoleRoot + "/meta/main.yml", Meta()),
                (RoleRoot + "/tasks/certificate.yml", Certificate()),
                (RoleRoot + "/tasks/check_new_files.yml", CheckNewFiles()),
                (RoleRoot + "/tasks/host_changes.yml", HostChanges()),
                (RoleRoot + "/tasks/install.yml", Install()),
                (RoleRoot + "/tasks/main.yml", Main()),
                (RoleRoot + "/tasks/packages.yml", Packages()),
                (RoleRoot + "/tasks/restore.yml", Restore()),
                (RoleRoot + "/tasks/secrets.yml", Secrets()),
                (RoleRoot + "/vars/main.yml", Vars()),
            };
            files.AddRange(DaemonModules.All.Select(m => (RoleRoot + "/tasks/" + Key(m) + ".yml", DaemonTasks(m))));
            return files.OrderBy(f => f.Item1, System.StringComparer.Ordinal).ToList();
        }

        private static string Key(DaemonModule m) => InstallScriptRenderer.Key(m);

        private static string Registered(DaemonModule m, bool secret) => "maildsl_" + Key(m) + (secret ? "_private" : "") + "_files";

        // Where a file is copied from: the emitted folder on the controller, or, for a file holding secrets, its staged copy
        // on the host with the secrets filled in (secrets.yml).
        private const string Source = "{{ (maildsl_secret_folder.path ~ '/staged') if item.secrets else (maildsl_source ~ '/' ~ maildsl_host) }}{{ item.path }}";

        private static string Secrets() => """
            ---
            # The secrets (the directory's bind password, the database's) never pass through the controller's files: the host's
            # own install.sh reads each one (from its file on the host, or from the environment) and writes it over its
            # placeholders in a copy of the host's files, in a folder only root reads (install.sh --stage). A secret the
            # description reads from the environment comes from maildsl_secrets when that names it (group_vars/all.yml
            # says how to keep it in Ansible Vault), else from ansible-playbook's own environment. The files holding secrets
            # are copied from there, each checked by its checker as the others are; the folder is removed once the files are
            # installed.
            - name: Make a folder only root reads
              ansible.builtin.tempfile:
                state: directory
                prefix: maildsl-secrets-
              register: maildsl_secret_folder
              changed_when: false
              check_mode: false

            - name: Copy this host's emitted folder there
              ansible.builtin.copy:
                src: "{{ maildsl_source }}/{{ maildsl_host }}/"
                dest: "{{ maildsl_secret_folder.path }}/emitted/"
                mode: "0600"
                directory_mode: "0700"
              changed_when: false
              check_mode: false
              diff: false

            - name: Write the secrets into the staged files (install.sh --stage)
              ansible.builtin.command:
                argv:
                  - bash
                  - -c
                  - 'while IFS= read -r line; do export "$line"; done; exec bash "$1" --stage "$2"'
                  - maildsl-stage
                  - "{{ maildsl_secret_folder.path }}/emitted/install.sh"
                  - "{{ maildsl_secret_folder.path }}/staged"
                # The secrets read from the environment reach install.sh on its standard input, never on a command line or
                # in the environment of a command Ansible shows (-vvv prints those); the task's arguments are never logged.
                # install.sh's own messages name a secret's file or variable, never its value.
                stdin: "{% for name in maildsl_secret_environment %}{{ name }}={{ maildsl_secrets[name] | default(lookup('ansible.builtin.env', name)) }}\n{% endfor %}"
                stdin_add_newline: false
              no_log: true
              register: maildsl_stage
              changed_when: false
              failed_when: false
              check_mode: false

            - name: Remove the folder when install.sh could not write the secrets
              ansible.builtin.file:
                path: "{{ maildsl_secret_folder.path }}"
                state: absent
              changed_when: false
              check_mode: false
              when: maildsl_stage.rc != 0

            - name: Stop when install.sh could not write the secrets (its words name a secret's file or variable, never its value)
              ansible.builtin.fail:
                msg: "{{ maildsl_stage.stderr }}"
              when: maildsl_stage.rc != 0

            """;

        private static string GroupVars() => """
            ---
            # Generated by MailDsl: what an operator tunes for every host of the platform (group_vars/<group>.yml or host_vars
            # override it for some). The play's batch size is an extra variable, since plays read it before any host's
            # variables: ansible-playbook -i inventory.ini site.yml -e maildsl_serial=2 (or a percentage, "25%").

            # Where the host folders MailDsl emitted are (this folder by default).
            # maildsl_source: /srv/maildsl/out

            # Seconds every daemon has to answer on its ports after it was started or reloaded; after that the host fails
            # and the rollout stops before the next host.
            maildsl_health_timeout: 60

            # The secrets the description reads from the environment (Secret.Environment), by variable name; one not named
            # here is read from ansible-playbook's environment. Keep them encrypted: put this in a file of its own,
            # `ansible-vault encrypt group_vars/all/vault.yml`, and run ansible-playbook with --ask-vault-pass or
            # --vault-password-file. install.sh on the host receives them on its standard input, never on a command line
            # or in Ansible's output.
            # maildsl_secrets:
            #   SOGO_DB_PASSWORD: "..."

            """;

        private static string Defaults() => """
            ---
            # Defaults of the maildsl role (group_vars/all.yml, beside site.yml, is where an operator changes them).
            maildsl_source: "{{ playbook_dir }}"
            maildsl_host: "{{ inventory_hostname }}"
            maildsl_health_timeout: 60
            maildsl_secrets: {}

            """;

        private static string Vars() => """
            ---
            # A daemon's own check, run by bash: it fails on an error or on any warning the check prints, with its words.
            maildsl_check: !unsafe >-
              out=$(bash -c "$1" </dev/null 2>&1) || { printf '%s\n' "$out" >&2; exit 1; };
              if grep -qiE '(^|[: ])(warning|\[warn\])' <<<"$out"; then printf '%s\n' "$out" >&2; exit 1; fi

            # The certificate ($1) and key ($2): the key's public half compared with the certificate's, by hash (the key is
            # never printed), and the certificate still valid.
            maildsl_pki_check: !unsafe |-
              set -o pipefail
              cert=$(openssl x509 -in "$1" -noout -pubkey | sha256sum)
              key=$(openssl pkey -in "$2" -pubout -passin pass: </dev/null 2>/dev/null | sha256sum)
              [ "$cert" = "$key" ] || { echo "the key $2 does not belong to the certificate $1 (their public keys differ)" >&2; exit 1; }
              openssl x509 -in "$1" -noout -checkend 0 >/dev/null || { echo "the certificate $1 has expired" >&2; exit 1; }

            """;

        private static string Meta() => """
            ---
            galaxy_info:
              role_name: maildsl
              namespace: maildsl
              author: MailDsl
              description: Installs one host of a MailDsl mail platform from the files MailDsl emitted for it
              license: MIT
              min_ansible_version: "2.14"
              platforms:
                # Debian 12 and 13 are run by MailDsl's tests (ansible-lint 6.13's schema does not know trixie yet);
                # EL 9 and 10 are reasoned (its schema stops at 9).
                - name: Debian
                  versions:
                    - all
                - name: EL
                  versions:
                    - "9"
              galaxy_tags:
                - mail
                - postfix
                - dovecot
                - nginx
                - sogo
            dependencies: []

            """;

        private static string Handlers()
        {
            var w = new ConfigWriter("  ");
            w.Line("---");
            w.Line("# One handler per daemon: notified only by a change to that daemon's files, run once at the end of the host's play.");
            foreach (var m in DaemonModules.All)
            {
                w.Line("- name: Reload " + Key(m));
                w.Line("  ansible.builtin.service:");
                w.Line("    name: \"{{ maildsl_units." + Key(m) + " }}\"");
                w.Line("    state: \"{{ maildsl_reload_states." + Key(m) + " }}\"");
                w.Line("    use: \"{{ maildsl_service_manager }}\"");
            }
            return w.ToString();
        }

        private static string Main() => """
            ---
            # A host serving several layers is in several plays: it is installed once, in the play of its first layer.
            - name: Install this host
              ansible.builtin.include_tasks: install.yml
              when: maildsl_installed is not defined

            """;

        private static string Install()
        {
            var w = new ConfigWriter("  ");
            w.Line("---");
            w.Line("# The maildsl role installs one host in the order its install.sh does: packages; certificate and key; the files, each");
            w.Line("# checked by its daemon's checker before it replaces the installed one; the daemons' own checks on the result (a");
            w.Line("# failure puts the previous files back); then the handlers reload only the daemons whose files changed, and every");
            w.Line("# port must answer before the play goes on to the next host.");
            w.Line("- name: Read what MailDsl emitted for this host");
            w.Line("  ansible.builtin.include_vars:");
            w.Line("    file: \"{{ maildsl_source }}/{{ maildsl_host }}/maildsl.yml\"");
            w.Line();
            w.Line("- name: Find whether systemd is PID 1 here");
            w.Line("  ansible.builtin.stat:");
            w.Line("    path: /run/systemd/system");
            w.Line("  register: maildsl_systemd");
            w.Line();
            w.Line("- name: Run the daemons through systemd where it is PID 1, else through their init scripts (containers, chroots)");
            w.Line("  ansible.builtin.set_fact:");
            w.Line("    maildsl_service_manager: \"{{ 'auto' if maildsl_systemd.stat.exists else 'sysvinit' }}\"");
            w.Line();
            w.Line("- name: Install the packages");
            w.Line("  ansible.builtin.import_tasks: packages.yml");
            w.Line();
            w.Line("- name: Check the certificate and key");
            w.Line("  ansible.builtin.import_tasks: certificate.yml");
            w.Line();
            w.Line("- name: Run the steps every install runs first");
            w.Line("  ansible.builtin.command:");
            w.Line("    argv: [bash, -c, \"{{ item }}\"]");
            w.Line("  loop: \"{{ maildsl_prepare }}\"");
            w.Line("  changed_when: false");
            w.Line("  when: not ansible_check_mode");
            w.Line();
            w.Line("- name: Write the secrets into this host's files, in a folder only root reads");
            w.Line("  ansible.builtin.include_tasks: secrets.yml");
            w.Line("  when: maildsl_files | selectattr('secrets') | list | length > 0");
            w.Line();
            w.Line("- name: Check the new files with each daemon's checker, on a scratch copy");
            w.Line("  ansible.builtin.include_tasks: check_new_files.yml");
            w.Line("  when: ansible_check_mode");
            w.Line();
            w.Line("- name: Make the host's own changes");
            w.Line("  ansible.builtin.import_tasks: host_changes.yml");
            w.Line();
            w.Line("- name: Note which files exist before this run");
            w.Line("  ansible.builtin.stat:");
            w.Line("    path: \"{{ item.path }}\"");
            w.Line("    get_checksum: false");
            w.Line("  loop: \"{{ maildsl_files }}\"");
            w.Line("  loop_control:");
            w.Line("    label: \"{{ item.path }}\"");
            w.Line("  register: maildsl_before");
            w.Line();
            w.Line("- name: Install the files and check them, or put the previous ones back");
            w.Line("  block:");
            foreach (var m in DaemonModules.All)
            {
                w.Line("    - name: Files of " + m.Name);
                w.Line("      ansible.builtin.include_tasks: " + Key(m) + ".yml");
                w.Line("      when: \"'" + Key(m) + "' in maildsl_units\"");
                w.Line();
            }
            w.Line("    - name: Check the installed configuration with each daemon's own checks (a warning is a failure)");
            w.Line("      ansible.builtin.command:");
            w.Line("        argv: [bash, -c, \"{{ maildsl_check }}\", maildsl-check, \"{{ item.command }}\"]");
            w.Line("      loop: \"{{ maildsl_checks }}\"");
            w.Line("      loop_control:");
            w.Line("        label: \"{{ item.daemon }}: {{ item.command }}\"");
            w.Line("      changed_when: false");
            w.Line("      when: not ansible_check_mode");
            w.Line("  rescue:");
            w.Line("    - name: Put the previous files back");
            w.Line("      ansible.builtin.include_tasks: restore.yml");
            w.Line("  always:");
            w.Line("    - name: Remove the files with the secrets filled in");
            w.Line("      ansible.builtin.file:");
            w.Line("        path: \"{{ maildsl_secret_folder.path }}\"");
            w.Line("        state: absent");
            w.Line("      changed_when: false");
            w.Line("      check_mode: false");
            w.Line("      when: maildsl_secret_folder.path is defined");
            w.Line();
            w.Line("- name: Keep every daemon running and started at boot");
            w.Line("  ansible.builtin.service:");
            w.Line("    name: \"{{ item.value }}\"");
            w.Line("    state: started");
            w.Line("    enabled: true");
            w.Line("    use: \"{{ maildsl_service_manager }}\"");
            w.Line("  loop: \"{{ maildsl_units | dict2items }}\"");
            w.Line("  loop_control:");
            w.Line("    label: \"{{ item.value }}\"");
            // Without systemd, Debian's sogo init script chowns sogod's pid file before sogod may have written it, and fails
            // although sogod starts (seen on Debian 12 and 13); the next start finds it running.
            w.Line("  register: maildsl_started");
            w.Line("  until: maildsl_started is succeeded");
            w.Line("  retries: 2");
            w.Line("  delay: 3");
            w.Line();
            w.Line("- name: Reload the daemons whose files changed");
            w.Line("  ansible.builtin.meta: flush_handlers");
            w.Line();
            w.Line("- name: Wait until every daemon answers on its ports");
            w.Line("  ansible.builtin.wait_for:");
            w.Line("    host: \"{{ item.host }}\"");
            w.Line("    port: \"{{ item.port }}\"");
            w.Line("    timeout: \"{{ maildsl_health_timeout }}\"");
            w.Line("  loop: \"{{ maildsl_ports }}\"");
            w.Line("  loop_control:");
            w.Line("    label: \"{{ item.daemon }} {{ item.name }} {{ item.host }}:{{ item.port }}\"");
            w.Line("  when: not ansible_check_mode");
            w.Line();
            w.Line("- name: Note that this host is installed (its other layers' plays skip it)");
            w.Line("  ansible.builtin.set_fact:");
            w.Line("    maildsl_installed: true");
            return w.ToString();
        }

        private static string Packages() => """
            ---
            # What is installed is left at its version (state: present); only what is missing is installed.
            - name: Install the packages (apt)
              ansible.builtin.apt:
                name: "{{ maildsl_packages }}"
                state: present
              when: maildsl_family == 'debian'

            # RHEL is reasoned, not run here: SOGo comes from Alinto's repository (packages.sogo.nu), which needs EPEL;
            # both must be enabled first.
            - name: Install the packages (dnf)
              ansible.builtin.dnf:
                name: "{{ maildsl_packages }}"
                state: present
              when: maildsl_family == 'rhel'

            """;

        private static string Certificate() => """
            ---
            # Before anything is copied: the certificate and key where the platform says, the key readable by no other user,
            # the key the certificate's (public keys compared by hash; the key is never printed), the certificate valid and
            # covering the names this host serves.
            - name: Look at the certificate and key
              ansible.builtin.stat:
                path: "{{ item }}"
                get_checksum: false
              loop:
                - "{{ maildsl_certificate }}"
                - "{{ maildsl_key }}"
              register: maildsl_pki

            - name: Refuse a missing certificate or key, or a key every user can read
              ansible.builtin.assert:
                that:
                  - maildsl_pki.results[0].stat.exists
                  - maildsl_pki.results[1].stat.exists
                  - not maildsl_pki.results[1].stat.roth
                fail_msg: >-
                  {{ maildsl_certificate }} and {{ maildsl_key }} must be on the host, the key readable by root (0600) or
                  a group such as ssl-cert (0640) only
                quiet: true

            - name: Check that the key belongs to the certificate
              ansible.builtin.command:
                argv: [bash, -c, "{{ maildsl_pki_check }}", maildsl-pki, "{{ maildsl_certificate }}", "{{ maildsl_key }}"]
              changed_when: false
              check_mode: false

            - name: Check that the certificate covers the names this host serves
              ansible.builtin.command:
                argv: [openssl, x509, -in, "{{ maildsl_certificate }}", -noout, -checkhost, "{{ item }}"]
              loop: "{{ maildsl_names }}"
              register: maildsl_name_check
              changed_when: false
              failed_when: "' does match certificate' not in maildsl_name_check.stdout"
              check_mode: false

            """;

        private static string CheckNewFiles() => $$$"""
            ---
            # Check mode copies nothing, so each new file is checked here, on a scratch copy, by the checker its copy task
            # would run (validate), touching nothing the daemons read.
            - name: Make a scratch folder for the checks
              ansible.builtin.tempfile:
                state: directory
                prefix: maildsl-check-
              register: maildsl_scratch
              changed_when: false
              check_mode: false

            - name: Check each new file on its own
              block:
                - name: Copy the new files to the scratch folder
                  ansible.builtin.copy:
                    src: "{{{Source}}}"
                    remote_src: "{{ item.secrets }}"
                    dest: "{{ maildsl_scratch.path }}/{{ maildsl_index }}"
                    mode: "0600"
                  loop: "{{ maildsl_files | selectattr('validate', 'defined') }}"
                  loop_control:
                    index_var: maildsl_index
                    label: "{{ item.path }}"
                  changed_when: false
                  check_mode: false
                  diff: false

                - name: Run each file's checker on its copy
                  ansible.builtin.command:
                    cmd: "{{ item.validate | replace('%s', maildsl_scratch.path ~ '/' ~ maildsl_index) }}"
                  loop: "{{ maildsl_files | selectattr('validate', 'defined') }}"
                  loop_control:
                    index_var: maildsl_index
                    label: "{{ item.path }}"
                  changed_when: false
                  check_mode: false
              always:
                - name: Remove the scratch folder
                  ansible.builtin.file:
                    path: "{{ maildsl_scratch.path }}"
                    state: absent
                  changed_when: false
                  check_mode: false

            """;

        private static string HostChanges()
        {
            var w = new ConfigWriter("  ");
            w.Line("---");
            w.Line("# The host's own changes (SELinux port labels and booleans, firewalld ports on RHEL: reasoned, not run here),");
            w.Line("# each made while its condition says it is pending.");
            ChangeTasks(w, "", "the host's changes", "maildsl_host_pending", notify: null);
            return w.ToString();
        }

        // Finds the changes of one daemon ("" for the host's own) whose condition says they are pending, and makes them.
        private static void ChangeTasks(ConfigWriter w, string daemon, string what, string registered, string? notify)
        {
            w.Line("- name: Find " + what + " still to make");
            w.Line("  ansible.builtin.command:");
            w.Line("    argv: [bash, -c, \"{{ item.pending }}\"]");
            w.Line("  loop: \"{{ maildsl_changes | selectattr('daemon', 'equalto', '" + daemon + "') }}\"");
            w.Line("  loop_control:");
            w.Line("    label: \"{{ item.description }}\"");
            w.Line("  register: " + registered);
            w.Line("  changed_when: false");
            w.Line("  failed_when: false");
            w.Line("  check_mode: false");
            w.Line();
            w.Line("- name: Make " + what);
            w.Line("  ansible.builtin.command:");
            w.Line("    argv: [bash, -c, \"{{ item.item.apply }}\"]");
            w.Line("  loop: \"{{ " + registered + ".results | selectattr('rc', 'equalto', 0) }}\"");
            w.Line("  loop_control:");
            w.Line("    label: \"{{ item.item.description }}\"");
            w.Line("  changed_when: true");
            if (notify is not null) w.Line("  notify: " + notify);
        }

        private static string Restore()
        {
            var copied = DaemonModules.All.SelectMany(m => new[] { false, true }.Select(secret => "(" + Registered(m, secret) + ".results | default([]))")).ToList();
            var w = new ConfigWriter("  ");
            w.Line("---");
            w.Line("# A copy or a check failed: each file this run replaced goes back from Ansible's backup beside it, each file it");
            w.Line("# added is removed, and the host fails before any handler reloads a daemon.");
            w.Line("- name: Collect what this run copied");
            w.Line("  ansible.builtin.set_fact:");
            w.Line("    maildsl_copied: >-");
            w.Line("      {{ " + copied[0]);
            foreach (var c in copied.Skip(1)) w.Line("      + " + c);
            w.Line("      }}");
            w.Line("    maildsl_absent_before: \"{{ maildsl_before.results | rejectattr('stat.exists') | map(attribute='item.path') | list }}\"");
            w.Line();
            w.Line("- name: Put back each file this run replaced");
            w.Line("  ansible.builtin.command:");
            w.Line("    argv: [mv, -f, --, \"{{ item.backup_file }}\", \"{{ item.dest }}\"]");
            w.Line("  loop: \"{{ maildsl_copied | selectattr('backup_file', 'defined') }}\"");
            w.Line("  loop_control:");
            w.Line("    label: \"{{ item.dest }}\"");
            w.Line("  changed_when: true");
            w.Line();
            w.Line("- name: Remove each file this run added");
            w.Line("  ansible.builtin.file:");
            w.Line("    path: \"{{ item.dest }}\"");
            w.Line("    state: absent");
            w.Line("  loop: \"{{ maildsl_copied | selectattr('changed') | selectattr('item.path', 'in', maildsl_absent_before) }}\"");
            w.Line("  loop_control:");
            w.Line("    label: \"{{ item.dest }}\"");
            w.Line();
            w.Line("- name: Stop this host; the previous files are back and no daemon was reloaded");
            w.Line("  ansible.builtin.fail:");
            w.Line("    msg: >-");
            w.Line("      {{ ansible_failed_task.name | default('a task') }} failed on {{ maildsl_host }}: the previous files are back and");
            w.Line("      no daemon was reloaded; the daemon's own words are above");
            return w.ToString();
        }

        private static string DaemonTasks(DaemonModule m)
        {
            var key = Key(m);
            var w = new ConfigWriter("  ");
            w.Line("---");
            w.Line("# " + m.Name + "'s files and host changes; a change to any of them notifies its handler, and nothing else does.");
            // The private files first: the others name them (main.cf its lookup tables, dovecot.conf its passdb and userdb
            // files), and their checkers, run before each replaces the installed one, must find them.
            foreach (var secret in new[] { true, false })
            {
                w.Line("- name: Install " + m.Name + "'s " + (secret ? "private files (shown without a diff, they may hold secrets)" : "files") + ", each checked on its own by its checker first");
                w.Line("  ansible.builtin.copy:");
                w.Line("    src: \"" + Source + "\"");
                w.Line("    remote_src: \"{{ item.secrets }}\"");
                w.Line("    dest: \"{{ item.path }}\"");
                w.Line("    owner: root");
                w.Line("    group: \"{{ item.group }}\"");
                w.Line("    mode: \"{{ item.mode }}\"");
                w.Line("    validate: \"{{ item.validate | default(omit) }}\"");
                w.Line("    backup: true");
                w.Line("  loop: \"{{ maildsl_files | selectattr('daemons', 'contains', '" + key + "') | selectattr('private', 'equalto', " + (secret ? "true" : "false") + ") }}\"");
                w.Line("  loop_control:");
                w.Line("    label: \"{{ item.path }}\"");
                w.Line("  register: " + Registered(m, secret));
                if (secret) w.Line("  diff: false");
                w.Line("  notify: Reload " + key);
                w.Line();
            }
            ChangeTasks(w, key, m.Name + "'s host changes", "maildsl_" + key + "_pending", notify: "Reload " + key);
            return w.ToString();
        }
    }
}
