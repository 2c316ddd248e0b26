{{/*
Chart name, truncated to 63 characters (the DNS label limit).
*/}}
{{- define "grantflow.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified release name: the release name when it already contains the chart name.
*/}}
{{- define "grantflow.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "grantflow.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels on every resource of the release.
*/}}
{{- define "grantflow.labels" -}}
helm.sh/chart: {{ include "grantflow.chart" . }}
{{ include "grantflow.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: grantflow
{{- end }}

{{/*
Selector labels shared by the whole release.
*/}}
{{- define "grantflow.selectorLabels" -}}
app.kubernetes.io/name: {{ include "grantflow.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Per-service helpers take a dict: (dict "root" $ "name" "budget").
*/}}
{{- define "grantflow.serviceFullname" -}}
{{- printf "%s-%s" (include "grantflow.fullname" .root) .name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "grantflow.serviceLabels" -}}
{{ include "grantflow.labels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{- define "grantflow.serviceSelectorLabels" -}}
{{ include "grantflow.selectorLabels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{/*
Image of a service: <registry>/<repositoryPrefix><name>:<tag>; the service's image.repository and
image.tag override the defaults. Takes (dict "root" $ "name" $name "svc" $svc).
*/}}
{{- define "grantflow.serviceImage" -}}
{{- $img := .root.Values.image }}
{{- $own := .svc.image | default dict }}
{{- $repo := $own.repository | default (printf "%s%s" $img.repositoryPrefix .name) }}
{{- $tag := $own.tag | default $img.tag | default .root.Chart.AppVersion }}
{{- if $img.registry }}
{{- printf "%s/%s:%s" $img.registry $repo $tag }}
{{- else }}
{{- printf "%s:%s" $repo $tag }}
{{- end }}
{{- end }}

{{/*
Secret holding the database passwords, key "<service>-password".
*/}}
{{- define "grantflow.dbSecretName" -}}
{{- .Values.postgresql.auth.existingSecret | default (printf "%s-db" (include "grantflow.fullname" .)) }}
{{- end }}

{{/*
Name of the ConfigMap with the topic list read by the topic-creation Job.
*/}}
{{- define "grantflow.topicsName" -}}
{{- printf "%s-topics" (include "grantflow.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Environment of one service (the data of its ConfigMap): what its application.properties reads.
Takes (dict "root" $ "name" $name "svc" $svc).
*/}}
{{- define "grantflow.serviceEnv" -}}
{{- $root := .root }}
{{- $pg := $root.Values.postgresql }}
{{- $db := .svc.database | default .name }}
HTTP_HOST: "0.0.0.0"
MANAGEMENT_HOST: "0.0.0.0"
MANAGEMENT_PORT: {{ required (printf "services.%s.managementPort is required" .name) .svc.managementPort | quote }}
PUBLIC_URL: {{ .svc.publicUrl | default "" | quote }}
DB_USER: {{ $db | quote }}
DB_REACTIVE_URL: {{ printf "postgresql://%s:%v/%s" $pg.host $pg.port $db | quote }}
DB_JDBC_URL: {{ printf "jdbc:postgresql://%s:%v/%s" $pg.host $pg.port $db | quote }}
KAFKA_BOOTSTRAP_SERVERS: {{ required "kafka.bootstrapServers is required" $root.Values.kafka.bootstrapServers | quote }}
TOPIC_PREFIX: {{ $root.Values.kafka.topicPrefix | default "" | quote }}
GROUP_PREFIX: {{ $root.Values.kafka.groupPrefix | default "" | quote }}
OIDC_URL: {{ required "oidc.url is required" $root.Values.oidc.url | quote }}
{{- with $root.Values.oidc.issuer }}
QUARKUS_OIDC_TOKEN_ISSUER: {{ . | quote }}
{{- end }}
JAVA_OPTS: {{ $root.Values.javaOpts | quote }}
{{- if .svc.mail }}
SMTP_HOST: {{ $root.Values.smtp.host | quote }}
SMTP_PORT: {{ $root.Values.smtp.port | quote }}
MAIL_FROM: {{ $root.Values.smtp.from | quote }}
{{- end }}
{{- if .svc.webhooks }}
WEBHOOK_ALLOWED_HOSTS: {{ $root.Values.webhooks.allowedHosts | quote }}
{{- end }}
{{- range $key, $value := .svc.env }}
{{ $key }}: {{ $value | quote }}
{{- end }}
{{- end }}
